namespace SubmissionGateway.Protection.Keys;

/// <summary>The key file as last parsed, with the write time and length it had then.</summary>
internal sealed record LoadedKeyFile((DateTime WrittenAt, long Length) Stamp, LocalKeyFile File);
