namespace SubmissionGateway.X12.CodeSets;

/// <summary>A US ZIP code in N403: five digits, or nine (ZIP+4, required for the billing provider).</summary>
public static class ZipCode
{
    /// <summary><see cref="CodeCheckResult.Valid"/> for 5 or 9 digits, else <see cref="CodeCheckResult.InvalidFormat"/>.</summary>
    public static CodeCheckResult Check(ReadOnlySpan<byte> zip) =>
        zip.Length is 5 or 9 && !zip.ContainsAnyExceptInRange((byte)'0', (byte)'9') ? CodeCheckResult.Valid : CodeCheckResult.InvalidFormat;

    /// <summary>True when the ZIP is a valid nine-digit ZIP+4.</summary>
    public static bool HasPlusFour(ReadOnlySpan<byte> zip) => zip.Length == 9 && Check(zip) == CodeCheckResult.Valid;
}
