using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Retention;
using SubmissionGateway.Telemetry;
using SubmissionGateway.Redaction;

namespace SubmissionGateway.Forwarding;

/// <summary>
/// Delivers outbox items. It sees only items whose transaction committed (hence whose ledger entry exists), claims
/// them with a lease (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one conditional UPDATE under its write lock), and
/// appends each final outcome to the ledger in the same transaction that closes the item. A worker that dies
/// leaves a lease that expires and is taken over; the payer sees the same Idempotency-Key again.
/// </summary>
public sealed partial class OutboxWorker
{
    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly DisclosureLedger _ledger;
    private readonly PayerRegistry _payers;
    private readonly PayerChannel _channel;
    private readonly IForwardingPayloadSource _payloads;
    private readonly ForwardingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxWorker> _logger;
    private readonly GatewayMetrics? _metrics;
    private readonly IPayloadRetention? _retention;

    public OutboxWorker(
        IDbContextFactory<GatewayDbContext> databases,
        DisclosureLedger ledger,
        PayerRegistry payers,
        PayerChannel channel,
        IForwardingPayloadSource payloads,
        IOptions<ForwardingOptions> options,
        TimeProvider time,
        ILogger<OutboxWorker> logger,
        GatewayMetrics? metrics = null,
        IPayloadRetention? retention = null)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _payers = payers ?? throw new ArgumentNullException(nameof(payers));
        _channel = channel ?? throw new ArgumentNullException(nameof(channel));
        _payloads = payloads ?? throw new ArgumentNullException(nameof(payloads));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _metrics = metrics;
        _retention = retention;
    }

    private const int OutcomesPerTransaction = 16;

    /// <summary>
    /// Claims one batch and tries each item once; returns how many items it claimed. The final outcomes of the batch
    /// are recorded together, in transactions of up to 16 that append each outcome and close its item: one commit per
    /// part instead of one per item. Until that commit the items stay leased, so a crash in between means the payer sees
    /// the same Idempotency-Key again after the lease expires, as it would for a single item.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var items = await ClaimAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
        await DeliverAsync(items, cancellationToken).ConfigureAwait(false);
        return items.Count;
    }

    /// <summary>Tries each claimed item once and records the batch's final outcomes together.</summary>
    internal async Task DeliverAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        // Read once for the batch: whether each item may be sent, and later what its outcome entries follow up.
        var disclosures = await DisclosuresOfAsync(items, cancellationToken).ConfigureAwait(false);
        // Small payloads kept in the database are read in one query for the batch, not one each.
        var readTogether = await _payloads.ReadTogetherAsync([.. items.Select(i => i.PayloadReference).Distinct(StringComparer.Ordinal)], cancellationToken)
            .ConfigureAwait(false);
        var outcomes = new FinishedDelivery?[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.DeliveryConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await AttemptAsync(
                items[i], disclosures.TryGetValue(items[i].DisclosureSequence, out var entry) && entry.PayerId == items[i].PayerId, readTogether.GetValueOrDefault(items[i].PayloadReference), ct)
                .ConfigureAwait(false))
            .ConfigureAwait(false);

        // In parts: each outcome transaction holds SQLite's one writer, so a submission waits behind at most a short one.
        foreach (var part in outcomes.OfType<FinishedDelivery>().Chunk(OutcomesPerTransaction))
        {
            await CloseAsync(part, disclosures, cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task<IReadOnlyList<OutboxItem>> ClaimAsync(int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)_options.LeaseDuration.TotalMilliseconds;
        await using var db = _databases.CreateDbContext();
        var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using (turn.ConfigureAwait(false))
        {
            // The claimed rows come back from the claiming statement itself: finding them again by their lease token
            // would read the whole table, which has no index on the token.
            var claimed = await db.OutboxItems.FromSqlRaw(db.Database.IsNpgsql() ? PostgresClaim : SqliteClaim, token, expires, now, max)
                .AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            return [.. claimed.OrderBy(i => i.Id)];
        }
    }

    /// <summary>
    /// Leases up to {3} due items to token {0} until {1} (now is {2}) and returns them. Oldest due first, in the order of the
    /// (Status, NextAttemptAtMs) index, so a claim reads only the rows it takes and the few leased ones it skips:
    /// ordered by Id alone, SQLite sorted every due item on every claim, and each delivery got slower as a backlog grew.
    /// One statement under SQLite's single write lock: no other worker can claim in between.
    /// </summary>
    internal const string SqliteClaim = """
        UPDATE outbox_items SET "LeaseToken" = {0}, "LeaseExpiresAtMs" = {1}, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (
            SELECT "Id" FROM outbox_items
            WHERE "Status" = 'Pending' AND "NextAttemptAtMs" <= {2} AND ("LeaseExpiresAtMs" IS NULL OR "LeaseExpiresAtMs" <= {2})
            ORDER BY "NextAttemptAtMs", "Id" LIMIT {3})
        RETURNING *
        """;

    /// <summary>As <see cref="SqliteClaim"/>; rows another worker is claiming are skipped, not waited for.</summary>
    internal const string PostgresClaim = """
        UPDATE outbox_items SET "LeaseToken" = {0}, "LeaseExpiresAtMs" = {1}, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (
            SELECT "Id" FROM outbox_items
            WHERE "Status" = 'Pending' AND "NextAttemptAtMs" <= {2} AND ("LeaseExpiresAtMs" IS NULL OR "LeaseExpiresAtMs" <= {2})
            ORDER BY "NextAttemptAtMs", "Id" LIMIT {3}
            FOR UPDATE SKIP LOCKED)
        RETURNING *
        """;

    internal Task DeliverAsync(OutboxItem item, CancellationToken cancellationToken) => DeliverAsync([item], cancellationToken);

    /// <summary>
    /// Sends one item; returns its final outcome to record, or null when there is none to record (retry later, or
    /// abandoned without a ledger entry to attach an outcome to).
    /// </summary>
    private async Task<FinishedDelivery?> AttemptAsync(OutboxItem item, bool hasDisclosureEntry, byte[]? readBefore, CancellationToken cancellationToken)
    {
        using var activity = GatewayActivities.Source.StartActivity("sgw.forwarding.deliver");
        activity?.SetTag(GatewayMetrics.PayerTag, item.PayerId);
        activity?.SetTag(GatewayMetrics.TransactionTypeTag, item.TransactionType);
        activity?.SetTag("sgw.outbox.attempt", item.Attempts);
        if (!hasDisclosureEntry)
        {
            // An item that did not come through the ledger (a hand-inserted row, a restore gone wrong) is never sent.
            await using var db = _databases.CreateDbContext();
            await using var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
            await db.OutboxItems.Where(i => i.Id == item.Id && i.LeaseToken == item.LeaseToken)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, OutboxStatus.Abandoned)
                    .SetProperty(i => i.LeaseToken, (string?)null)
                    .SetProperty(i => i.LastError, "No matching disclosure entry in the ledger: not sent."), cancellationToken).ConfigureAwait(false);
            LogNoEntry(_logger, item.Id, item.DisclosureSequence);
            return null;
        }

        var payer = _payers.Find(item.PayerId);
        if (_payers.Refusal(item.PayerId, item.TransactionType, item.PayloadSize) is { } refusal)
        {
            // The registry changed since the item was queued: nothing is sent.
            return new FinishedDelivery(item, DeliveryOutcome.Abandoned, OutboxStatus.Abandoned, refusal);
        }

        byte[] payload;
        try
        {
            payload = readBefore ?? await _payloads.ReadAsync(item.PayloadReference, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            return await RetryLaterAsync(item, $"Payload unavailable: {ex.Message}", cancellationToken).ConfigureAwait(false);
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(payload)), item.PayloadSha256, StringComparison.Ordinal))
        {
            // What would leave is not what the ledger describes: never send it.
            return new FinishedDelivery(item, DeliveryOutcome.Abandoned, OutboxStatus.Abandoned,
                "The stored payload no longer matches the hash recorded in the ledger.");
        }

        var result = await _channel.DeliverAsync(payer!, item.IdempotencyKey, item.TransactionType, item.ContentType, payload, cancellationToken)
            .ConfigureAwait(false);
        return result.Status switch
        {
            PayerDeliveryStatus.Delivered => new FinishedDelivery(item, DeliveryOutcome.Delivered, OutboxStatus.Delivered, result.Detail),
            PayerDeliveryStatus.Rejected => new FinishedDelivery(item, DeliveryOutcome.Failed, OutboxStatus.Failed, result.Detail),
            _ => await RetryLaterAsync(item, result.Detail, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Which of the items' ledger entries exist as disclosures to the item's payer, in one query.</summary>
    private async Task<Dictionary<long, DisclosureEntry>> DisclosuresOfAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var sequences = items.Select(i => i.DisclosureSequence).Distinct().ToList();
        await using var db = _databases.CreateDbContext();
        return await db.DisclosureEntries.AsNoTracking()
            .Where(e => sequences.Contains(e.Sequence) && e.Kind == DisclosureEntryKind.Disclosure)
            .ToDictionaryAsync(e => e.Sequence, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FinishedDelivery?> RetryLaterAsync(OutboxItem item, string error, CancellationToken cancellationToken)
    {
        if (item.Attempts >= _options.MaxAttempts)
        {
            return new FinishedDelivery(item, DeliveryOutcome.Abandoned, OutboxStatus.Abandoned, $"Gave up after {item.Attempts} attempts; last error: {error}");
        }

        var exponent = Math.Min(item.Attempts - 1, 20);
        var delay = Math.Min(_options.RedeliveryMaxDelay.TotalMilliseconds, _options.RedeliveryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        delay *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        var next = _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)delay;
        await using var db = _databases.CreateDbContext();
        var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using (turn.ConfigureAwait(false))
        {
            await db.OutboxItems
                .Where(i => i.Id == item.Id && i.LeaseToken == item.LeaseToken && i.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.LeaseToken, (string?)null)
                    .SetProperty(i => i.LeaseExpiresAtMs, (long?)null)
                    .SetProperty(i => i.NextAttemptAtMs, next)
                    .SetProperty(i => i.LastError, error), cancellationToken).ConfigureAwait(false);
        }

        LogRetry(_logger, item.Id, item.PayerId, item.Attempts, error);
        _metrics?.Delivery(item.PayerId, "retry");
        return null;
    }

    /// <summary>
    /// Appends the outcomes (one per disclosure the payload carried) and closes their items in one transaction. An
    /// item another worker already closed (it took over an expired lease) gets no second outcome: then each item is
    /// closed on its own, so the others still are.
    /// </summary>
    private async Task CloseAsync(IReadOnlyList<FinishedDelivery> outcomes, Dictionary<long, DisclosureEntry> disclosures, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        await using var db = _databases.CreateDbContext();
        var entries = new List<DisclosureEntry>();
        var sharing = await SharingPayloadsAsync(db, outcomes, disclosures, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            entries.AddRange(sharing[i].Select(d => DisclosureLedger.FollowUp(
                d, DisclosureEntryKind.DeliveryOutcome, outcome.Outcome.ToString(), outcome.Detail, $"forwarding:{_options.WorkerId}")));
        }

        var ids = outcomes.Select(o => o.Item.Id).ToList();
        HashSet<string> inline = [];
        var written = await _ledger.AppendAsync(db, entries, async (_, ct) =>
        {
            var current = await db.OutboxItems.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct).ConfigureAwait(false);
            if (current.Count != ids.Count || current.Values.Any(i => i.Status != OutboxStatus.Pending))
            {
                // Another worker (which took over an expired lease) already closed one: one outcome only.
                return false;
            }

            foreach (var outcome in outcomes)
            {
                var row = current[outcome.Item.Id];
                row.Status = outcome.Status;
                row.LeaseToken = null;
                row.LeaseExpiresAtMs = null;
                row.LastError = outcome.Status == OutboxStatus.Delivered ? null : outcome.Detail;
            }

            // Payloads kept in the database start their retention clock in this same transaction (one write for the
            // batch, not one per payload); the others are marked in their store after the commit.
            var references = outcomes.Select(o => o.Item.PayloadReference).ToList();
            inline = [.. await db.Set<InlinePayload>().Where(p => references.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct).ConfigureAwait(false)];
            if (inline.Count > 0)
            {
                var finishedAt = _time.GetUtcNow().UtcDateTime;
                await db.Set<InlinePayload>().Where(p => inline.Contains(p.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.DeliveryFinishedAt, finishedAt), ct).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);

        if (written.Count == 0 && outcomes.Count > 1)
        {
            foreach (var outcome in outcomes)
            {
                await CloseAsync([outcome], disclosures, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        foreach (var outcome in outcomes)
        {
            var item = outcome.Item;
            LogClosed(_logger, item.Id, item.PayerId, outcome.Outcome, written.Count > 0);
            if (written.Count > 0)
            {
                _metrics?.Delivery(item.PayerId, outcome.Outcome switch { DeliveryOutcome.Delivered => "delivered", DeliveryOutcome.Failed => "failed", _ => "abandoned" });
                if (!inline.Contains(item.PayloadReference))
                {
                    await StartRetentionAsync(item, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// A payload whose delivery has its final outcome starts its retention clock; the ledger keeps what was sent (its
    /// SHA-256), the bytes themselves are shredded after the retention period. A failure here is logged and retried by
    /// nothing: the payload is then kept, never lost.
    /// </summary>
    private async Task StartRetentionAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (_retention is null || !AttachmentId.TryParse(item.PayloadReference, out var id))
        {
            return;
        }

        try
        {
            await _retention.RecordDeliveryFinishedAsync(id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AttachmentNotFoundException or IOException or UnauthorizedAccessException or Azure.RequestFailedException)
        {
            LogRetentionNotStarted(_logger, item.Id, e);
        }
    }

    /// <summary>
    /// For each outcome, its item's disclosure and, when one payload named several patients (the intake records one
    /// entry per patient, written together right after the first), those entries too, so each patient's accounting
    /// shows the outcome. The items' own disclosures were read before the sends (ledger entries never change); one
    /// query more for the batch, whatever its size.
    /// </summary>
    private static async Task<List<DisclosureEntry>[]> SharingPayloadsAsync(
        GatewayDbContext db, IReadOnlyList<FinishedDelivery> outcomes, Dictionary<long, DisclosureEntry> originals, CancellationToken cancellationToken)
    {
        const int MaxPatientsPerPayload = 100_000;
        // Payloads shared by several patients' entries come only from a submission.
        var submissions = outcomes.Select(o => originals.GetValueOrDefault(o.Item.DisclosureSequence)?.SubmissionId).OfType<string>().Distinct().ToList();
        var ofSubmissions = (submissions.Count == 0 ? []
            : await SubmissionDisclosures(db, submissions).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(e => e.SubmissionId!);
        var sharing = new List<DisclosureEntry>[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var item = outcomes[i].Item;
            if (!originals.TryGetValue(item.DisclosureSequence, out var original) || original.Kind != DisclosureEntryKind.Disclosure)
            {
                throw new InvalidOperationException($"Ledger entry {item.DisclosureSequence} is not a disclosure.");
            }

            sharing[i] = original.SubmissionId is null ? [original]
                : [original, .. ofSubmissions[original.SubmissionId]
                    .Where(e => e.Sequence > original.Sequence && e.Sequence <= original.Sequence + MaxPatientsPerPayload && e.PayerId == original.PayerId)
                    .OrderBy(e => e.Sequence)
                    .TakeWhile(e => DisclosedContent.FromJson(e.Description).Documents.Any(d => d.Sha256 == item.PayloadSha256))];
        }

        return sharing;
    }

    /// <summary>The disclosures (not outcomes) of the given submissions: read through the (SubmissionId, Sequence) index.</summary>
    internal static IQueryable<DisclosureEntry> SubmissionDisclosures(GatewayDbContext db, IReadOnlyCollection<string> submissionIds) =>
        db.DisclosureEntries.AsNoTracking()
            .Where(e => e.SubmissionId != null && submissionIds.Contains(e.SubmissionId) && e.Kind == DisclosureEntryKind.Disclosure);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Outbox item {ItemId} names ledger entry {Sequence}, which is not a disclosure to its payer; abandoned without sending.")]
    private static partial void LogNoEntry(ILogger logger, long itemId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox item {ItemId} for payer {PayerId}: attempt {Attempt} failed ({Error}); will retry.")]
    private static partial void LogRetry(ILogger logger, long itemId, string payerId, int attempt, [FreeText] string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox item {ItemId}: its payload's retention clock could not be started; the payload is kept.")]
    private static partial void LogRetentionNotStarted(ILogger logger, long itemId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox item {ItemId} for payer {PayerId}: {Outcome} (recorded: {Recorded}).")]
    private static partial void LogClosed(ILogger logger, long itemId, string payerId, DeliveryOutcome outcome, bool recorded);
}
