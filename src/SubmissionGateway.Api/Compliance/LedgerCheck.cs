namespace SubmissionGateway.Api.Compliance;

/// <summary>The answer of <c>POST /compliance/ledger/verify</c>.</summary>
public sealed record LedgerCheck(bool IsIntact, long EntriesChecked, int HeadsChecked, long? FirstBadSequence, string? Problem, string? RootHash);
