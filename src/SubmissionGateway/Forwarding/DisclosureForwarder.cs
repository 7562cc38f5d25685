using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Forwarding;

/// <summary>
/// Records a disclosure and queues its delivery in one transaction: no entry, no forward. A payer that cannot take
/// the payload is refused before anything is written. A repeat of the same payload with the same control number
/// returns the first record instead of disclosing twice.
/// </summary>
public sealed partial class DisclosureForwarder
{
    private static readonly CompiledPerModel<Func<GatewayDbContext, string, CancellationToken, Task<bool>>> QueuedKey =
        new(() => EF.CompileAsyncQuery((GatewayDbContext db, string key, CancellationToken _) => db.OutboxItems.Any(i => i.IdempotencyKey == key)));

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly DisclosureLedger _ledger;
    private readonly PayerRegistry _payers;
    private readonly IForwardingPayloadSource _payloads;
    private readonly TimeProvider _time;
    private readonly OutboxSignal? _queued;

    public DisclosureForwarder(
        IDbContextFactory<GatewayDbContext> databases, DisclosureLedger ledger, PayerRegistry payers, IForwardingPayloadSource payloads, TimeProvider time,
        OutboxSignal? queued = null)
    {
        _queued = queued;
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _payers = payers ?? throw new ArgumentNullException(nameof(payers));
        _payloads = payloads ?? throw new ArgumentNullException(nameof(payloads));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <exception cref="PayerRefusedException">The payer is unknown or does not take this transaction or size.</exception>
    public async Task<ForwardingReceipt> ForwardAsync(ForwardingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ControlNumberPattern().IsMatch(request.ControlNumber))
        {
            throw new ArgumentException("The control number must be 1 to 50 letters, digits or dashes.", nameof(request));
        }

        if (_payers.Refusal(request.PayerId, request.TransactionType, 0) is { } refusedEarly)
        {
            throw new PayerRefusedException(refusedEarly);
        }

        var payload = await _payloads.ReadAsync(request.PayloadReference, cancellationToken).ConfigureAwait(false);
        if (_payers.Refusal(request.PayerId, request.TransactionType, payload.Length) is { } refused)
        {
            throw new PayerRefusedException(refused);
        }

        var payer = _payers.Find(request.PayerId)!;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(payload));
        var key = $"{request.ControlNumber}:{sha256}";
        var draft = _ledger.Draft(new DisclosureRecord(
            request.Patient,
            new DisclosureRecipient(payer.Id, payer.Name, payer.Address, payer.Endpoint),
            request.TransactionType,
            request.Content,
            request.Purpose,
            request.LegalBasis,
            request.Actor,
            request.SubmissionId));

        await using var db = _databases.CreateDbContext();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        OutboxItem? item = null;
        var written = await _ledger.AppendAsync(db, [draft], async (entries, ct) =>
        {
            // Checked under the ledger lock, so two concurrent repeats cannot both disclose.
            if (await db.OutboxItems.AnyAsync(i => i.IdempotencyKey == key, ct).ConfigureAwait(false))
            {
                return false;
            }

            item = new OutboxItem
            {
                DisclosureSequence = entries[0].Sequence,
                PayerId = payer.Id,
                TransactionType = request.TransactionType,
                IdempotencyKey = key,
                PayloadReference = request.PayloadReference,
                ContentType = request.ContentType,
                PayloadSize = payload.Length,
                PayloadSha256 = sha256,
                Status = OutboxStatus.Pending,
                CreatedAtMs = now,
                NextAttemptAtMs = now,
            };
            db.OutboxItems.Add(item);
            return true;
        }, cancellationToken).ConfigureAwait(false);

        if (written.Count == 1 && item is not null)
        {
            _queued?.Queued();
            return new ForwardingReceipt(written[0].Sequence, item.Id, key, AlreadyRecorded: false);
        }

        var existing = await db.OutboxItems.AsNoTracking().SingleAsync(i => i.IdempotencyKey == key, cancellationToken).ConfigureAwait(false);
        return new ForwardingReceipt(existing.DisclosureSequence, existing.Id, key, AlreadyRecorded: true);
    }

    /// <summary>
    /// Records several disclosures and queues their payloads in ONE transaction, together with the caller's own rows
    /// (<paramref name="sameTransaction"/> adds them to the context; they are saved with the rest). Requests that
    /// share a payload reference are one delivery: one ledger entry per request (per patient, for the accounting),
    /// one outbox item per payload, pointing at the first of its entries. If anything fails, nothing is written.
    /// </summary>
    /// <param name="sameTransaction">Gets the context and, for each request, its ledger sequence and its delivery's idempotency key.</param>
    /// <exception cref="PayerRefusedException">A payer is unknown or does not take this transaction or size.</exception>
    internal async Task<IReadOnlyList<ForwardingReceipt>> ForwardTogetherAsync(
        IReadOnlyList<ForwardingRequest> requests,
        Func<GatewayDbContext, IReadOnlyList<(long Sequence, string IdempotencyKey)>, CancellationToken, Task> sameTransaction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(sameTransaction);
        var payloads = new Dictionary<string, (int First, long Size, string Sha256, string Key)>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (!ControlNumberPattern().IsMatch(request.ControlNumber))
            {
                throw new ArgumentException("The control number must be 1 to 50 letters, digits or dashes.", nameof(requests));
            }

            if (payloads.TryGetValue(request.PayloadReference, out var known))
            {
                var first = requests[known.First];
                if (first.PayerId != request.PayerId || first.TransactionType != request.TransactionType || first.ControlNumber != request.ControlNumber)
                {
                    throw new ArgumentException("Requests sharing a payload must name the same payer, transaction and control number.", nameof(requests));
                }

                continue;
            }

            if (_payers.Refusal(request.PayerId, request.TransactionType, 0) is { } refusedEarly)
            {
                throw new PayerRefusedException(refusedEarly);
            }

            var (size, sha256) = await SizeAndHashAsync(request, cancellationToken).ConfigureAwait(false);
            if (_payers.Refusal(request.PayerId, request.TransactionType, size) is { } refused)
            {
                throw new PayerRefusedException(refused);
            }

            payloads.Add(request.PayloadReference, (i, size, sha256, $"{request.ControlNumber}:{sha256}"));
        }

        var drafts = requests.Select(r =>
        {
            var payer = _payers.Find(r.PayerId)!;
            return _ledger.Draft(new DisclosureRecord(
                r.Patient, new DisclosureRecipient(payer.Id, payer.Name, payer.Address, payer.Endpoint), r.TransactionType, r.Content,
                r.Purpose, r.LegalBasis, r.Actor, r.SubmissionId));
        }).ToList();

        // Checked once before the shared transaction, not inside it where every query holds up the other submissions;
        // two equal requests racing past this check are decided by the outbox's unique index on the key.
        var keys = payloads.Values.Select(p => p.Key).ToList();
        await using (var check = _databases.CreateDbContext())
        {
            // One payload (one payer) is the common case: a compiled lookup, not a query translated per submission.
            var queued = keys.Count == 1
                ? (await QueuedKey.For(check)(check, keys[0], cancellationToken).ConfigureAwait(false) ? keys[0] : null)
                : await check.OutboxItems.AsNoTracking().Where(i => keys.Contains(i.IdempotencyKey)).Select(i => i.IdempotencyKey)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (queued is not null)
            {
                throw new InvalidOperationException($"A delivery with control number and payload {queued} is already queued.");
            }
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var items = new Dictionary<string, OutboxItem>(StringComparer.Ordinal);
        // Committed with the other submissions arriving at the same moment (group commit); the callback may run twice
        // (alone after a shared transaction failed), so it starts from nothing each time.
        var written = await _ledger.AppendWithOthersAsync(drafts, async (db, entries, ct) =>
        {
            items.Clear();
            foreach (var (reference, payload) in payloads)
            {
                var request = requests[payload.First];
                var item = new OutboxItem
                {
                    DisclosureSequence = entries[payload.First].Sequence,
                    PayerId = request.PayerId,
                    TransactionType = request.TransactionType,
                    IdempotencyKey = payload.Key,
                    PayloadReference = reference,
                    ContentType = request.ContentType,
                    PayloadSize = payload.Size,
                    PayloadSha256 = payload.Sha256,
                    Status = OutboxStatus.Pending,
                    CreatedAtMs = now,
                    NextAttemptAtMs = now,
                };
                db.OutboxItems.Add(item);
                items.Add(reference, item);
            }

            await sameTransaction(db, [.. requests.Select((r, i) => (entries[i].Sequence, payloads[r.PayloadReference].Key))], ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

        _queued?.Queued();
        return [.. requests.Select((r, i) =>
        {
            var item = items[r.PayloadReference];
            return new ForwardingReceipt(written[i].Sequence, item.Id, item.IdempotencyKey, AlreadyRecorded: false);
        })];
    }

    /// <summary>From the store's receipt when the caller just stored the payload under this reference; else read back.</summary>
    private async Task<(long Size, string Sha256)> SizeAndHashAsync(ForwardingRequest request, CancellationToken cancellationToken)
    {
        if (request.Stored is { } receipt && string.Equals(receipt.Id.Value, request.PayloadReference, StringComparison.Ordinal))
        {
            return (receipt.Size, receipt.Sha256);
        }

        var payload = await _payloads.ReadAsync(request.PayloadReference, cancellationToken).ConfigureAwait(false);
        return (payload.Length, Convert.ToHexStringLower(SHA256.HashData(payload)));
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,50}$")]
    private static partial Regex ControlNumberPattern();
}
