namespace SubmissionGateway.X12.CodeSets;

/// <summary>An NDC under qualifier N4 (LIN03): the 11-digit 5-4-2 form, without hyphens.</summary>
public static class NationalDrugCode
{
    /// <summary><see cref="CodeCheckResult.Valid"/> or <see cref="CodeCheckResult.InvalidFormat"/>: no public NDC list is loaded.</summary>
    public static CodeCheckResult Check(ReadOnlySpan<byte> ndc) =>
        ndc.Length == 11 && !ndc.ContainsAnyExceptInRange((byte)'0', (byte)'9') ? CodeCheckResult.Valid : CodeCheckResult.InvalidFormat;
}
