namespace SubmissionGateway.Telemetry;

/// <summary>
/// How far behind the gateway is: deliveries waiting in the outbox (and the oldest one's age), and ledger entries not
/// yet vouched for by a signed tree head.
/// </summary>
public sealed record LedgerLag(long PendingItems, TimeSpan? OldestPendingAge, long LedgerSize, long SignedTreeSize)
{
    public long UnsignedEntries => Math.Max(0, LedgerSize - SignedTreeSize);
}
