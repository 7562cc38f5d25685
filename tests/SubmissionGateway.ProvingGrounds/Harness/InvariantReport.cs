using System.Globalization;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>The verdict and the figures worth reporting.</summary>
internal sealed record InvariantReport(
    IReadOnlyList<string> Violations, int Submissions, int AttachmentRequestsSubmitted, int LedgerEntries, int OutboxItems, int Delivered, int PayerCalls, int DistinctKeysAccepted,
    int KeysAcceptedMoreThanOnce)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"submissions {Submissions}, attachment requests submitted {AttachmentRequestsSubmitted}, ledger entries {LedgerEntries}, outbox items {OutboxItems}, delivered {Delivered}, payer calls {PayerCalls}, " +
        $"keys accepted {DistinctKeysAccepted}, keys the payer saw accepted more than once (same key, payer dedups) {KeysAcceptedMoreThanOnce}, " +
        $"violations {Violations.Count}{string.Concat(Violations.Take(20).Select(v => Environment.NewLine + "  " + v))}");
}
