namespace SubmissionGateway.Fuzzing.Targets;

/// <summary>
/// What the upload endpoint takes from one multipart body: the fields (name=value, by name), the field that was too
/// long, the file part's name, its SHA-256 and what the service decides from it; or, for a malformed body, only that
/// it was refused (the endpoint answers 400 and keeps nothing, whichever of its two exceptions the reader threw).
/// </summary>
public sealed record MultipartOutcome(string Fields, string? TooLongField, string? FileName, string? FileSha256, string? Decision, bool Malformed)
{
    public static MultipartOutcome Refused(Exception refusal) =>
        refusal is InvalidDataException or IOException ? new("", null, null, null, null, true) : throw new ArgumentException("Not a refusal.", nameof(refusal));
}
