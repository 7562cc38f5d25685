namespace SubmissionGateway.Disclosures;

/// <summary>
/// What <see cref="LedgerVerifier"/> found. When the ledger is not intact, <see cref="FirstBadSequence"/> names the
/// first entry that is missing, altered or out of place, and <see cref="Problem"/> says what is wrong in words.
/// </summary>
public sealed record LedgerVerificationResult(bool IsIntact, long EntriesChecked, int HeadsChecked, long? FirstBadSequence, string? Problem)
{
    /// <summary>The recomputed root over every entry checked, when the ledger is intact.</summary>
    public byte[]? RootHash { get; init; }

    public static LedgerVerificationResult Intact(long entries, int heads, byte[] root) => new(true, entries, heads, null, null) { RootHash = root };

    public static LedgerVerificationResult Broken(long entries, int heads, long? firstBad, string problem) => new(false, entries, heads, firstBad, problem);
}
