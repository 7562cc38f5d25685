using System.Diagnostics.Metrics;
using SubmissionGateway.Forwarding;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Telemetry;

/// <summary>
/// The gateway's own instruments on the meter <c>SubmissionGateway</c>. Tags carry transaction types, SNIP levels,
/// payer ids and refusal reasons only: never a patient, a member id or a claim identifier.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "SubmissionGateway";

    public const string TransactionTypeTag = "sgw.transaction_type";
    public const string SnipLevelTag = "sgw.snip_level";
    public const string ReasonTag = "sgw.reason";
    public const string PayerTag = "sgw.payer";
    public const string OutcomeTag = "sgw.outcome";

    private readonly Counter<long> _received;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _claimsRejected;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _uploadsRefused;
    private readonly Counter<long> _ledgerEntries;
    private readonly PayerBreakers _breakers;
    private LedgerLag? _lag;

    public GatewayMetrics(IMeterFactory meters, PayerBreakers breakers)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _breakers = breakers ?? throw new ArgumentNullException(nameof(breakers));
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("sgw.submissions.received", "{submission}", "Interchanges posted to the gateway.");
        _accepted = meter.CreateCounter<long>("sgw.submissions.accepted", "{submission}", "Submissions whose every claim passed SNIP 1-5.");
        _rejected = meter.CreateCounter<long>("sgw.submissions.rejected", "{submission}",
            "Submissions refused or with a rejected claim, by the lowest SNIP level that failed (or 'none' for a refusal that is not a validation finding).");
        _claimsRejected = meter.CreateCounter<long>("sgw.claims.rejected", "{claim}", "Claims rejected, by the lowest SNIP level among their findings.");
        _deliveries = meter.CreateCounter<long>("sgw.deliveries", "{delivery}", "Delivery attempts to payers, by payer and outcome (delivered, failed, abandoned, retry).");
        _uploadsRefused = meter.CreateCounter<long>("sgw.attachments.uploads_refused", "{upload}", "Attachment uploads refused, by refusal type.");
        _ledgerEntries = meter.CreateCounter<long>("sgw.ledger.entries_appended", "{entry}", "Entries appended to the disclosure ledger.");
        meter.CreateObservableGauge("sgw.payer.breaker_state", ObserveBreakers, "{state}", "Each payer's circuit breaker: 0 closed, 1 half-open, 2 open.");
        meter.CreateObservableGauge("sgw.outbox.oldest_pending_age", ObserveOutboxAge, "s", "Age of the oldest outbox item not yet delivered.");
        meter.CreateObservableGauge("sgw.outbox.pending", () => Lag(l => l.PendingItems), "{item}", "Outbox items not yet delivered.");
        meter.CreateObservableGauge("sgw.ledger.unsigned_entries", () => Lag(l => l.UnsignedEntries), "{entry}",
            "Ledger entries not yet covered by a signed tree head.");
    }

    public void SubmissionReceived(string transactionType) =>
        _received.Add(1, new KeyValuePair<string, object?>(TransactionTypeTag, transactionType));

    public void SubmissionAccepted(string transactionType) =>
        _accepted.Add(1, new KeyValuePair<string, object?>(TransactionTypeTag, transactionType));

    /// <summary>A refusal that is not a validation finding (not X12 at all, another submitter's interchange).</summary>
    public void SubmissionRefused(string transactionType, string reason) =>
        _rejected.Add(1, new(TransactionTypeTag, transactionType), new(SnipLevelTag, "none"), new(ReasonTag, reason));

    /// <summary>A submission with at least one rejected claim or transaction set, named by the lowest SNIP level that failed.</summary>
    public void SubmissionRejected(string transactionType, SnipLevel level) =>
        _rejected.Add(1, new(TransactionTypeTag, transactionType), new(SnipLevelTag, Level(level)), new(ReasonTag, "validation"));

    public void ClaimRejected(string transactionType, SnipLevel level) =>
        _claimsRejected.Add(1, new KeyValuePair<string, object?>(TransactionTypeTag, transactionType), new(SnipLevelTag, Level(level)));

    /// <summary>One delivery attempt's end: delivered, failed (the payer refused it), abandoned, or retry (will be tried again).</summary>
    public void Delivery(string payerId, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>(PayerTag, payerId), new(OutcomeTag, outcome));

    public void UploadRefused(string reason) =>
        _uploadsRefused.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    public void LedgerAppended(int entries) => _ledgerEntries.Add(entries);

    /// <summary>The latest sample of the outbox and ledger backlog (taken by <see cref="LedgerLagSampler"/>).</summary>
    public void RecordLag(LedgerLag lag) => Volatile.Write(ref _lag, lag);

    private static string Level(SnipLevel level) => ((int)level).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private IEnumerable<Measurement<int>> ObserveBreakers() =>
        _breakers.Snapshot().Select(p => new Measurement<int>((int)p.Value.State, new KeyValuePair<string, object?>(PayerTag, p.Key)));

    private IEnumerable<Measurement<double>> ObserveOutboxAge()
    {
        if (Volatile.Read(ref _lag) is { } lag)
        {
            yield return new Measurement<double>(lag.OldestPendingAge?.TotalSeconds ?? 0);
        }
    }

    private IEnumerable<Measurement<long>> Lag(Func<LedgerLag, long> value)
    {
        if (Volatile.Read(ref _lag) is { } lag)
        {
            yield return new Measurement<long>(value(lag));
        }
    }
}
