namespace SubmissionGateway.Intake;

/// <summary>One document of an accepted 275: its LX number, LOINC code, format (CAT), size and SHA-256 (hex).</summary>
public sealed record AttachedDocument(int Number, string? LoincCode, string? Format, long Size, string? Sha256);
