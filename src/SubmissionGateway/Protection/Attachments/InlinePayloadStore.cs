using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// The attachment store with small payloads kept sealed in the gateway's database: an 837 of a few kilobytes and the
/// interchanges re-enveloped from it go into the same transaction as their ledger entries and outbox rows, instead of
/// a file (or blob) each with its own create, sync and rename. Everything else (documents, large batches) goes to the
/// store it wraps. Reads, deletes, rotation and retention find a payload wherever it is kept.
/// </summary>
public sealed class InlinePayloadStore : IAttachmentStore
{
    private const int SmallestRegion = 4096;

    private readonly IAttachmentStore _outer;
    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly IKeyRing _keys;
    private readonly TimeProvider _time;

    public InlinePayloadStore(IAttachmentStore outer, IDbContextFactory<GatewayDbContext> databases, IKeyRing keys, TimeProvider time)
    {
        _outer = outer ?? throw new ArgumentNullException(nameof(outer));
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The store that holds what is not kept inline.</summary>
    public IAttachmentStore Outer => _outer;

    /// <summary>
    /// Seals <paramref name="plaintext"/> in memory under a fresh data key. Nothing is stored until the caller adds the
    /// draft's row to a database transaction and commits it.
    /// </summary>
    public async Task<InlinePayloadDraft> SealAsync(byte[] plaintext, DateTimeOffset? deliveryFinishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var key = await _keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        // One region for a small payload: the frame the writer rents is no larger than the payload needs.
        var region = Math.Clamp((plaintext.Length + SmallestRegion - 1) / SmallestRegion * SmallestRegion, SmallestRegion, EnvelopeFormat.DefaultRegionSize);
        using var envelope = new MemoryStream(plaintext.Length + 1024);
        using var source = new MemoryStream(plaintext, writable: false);
        var sealedPayload = await EnvelopeWriter.SealAsync(
            source, envelope, key, _keys.WrapAlgorithm, _time.GetUtcNow(), region, cancellationToken).ConfigureAwait(false);
        // In creation order: the table's key index then grows at its end, one page for many payloads.
        var id = AttachmentId.NewInCreationOrder(_time);
        var receipt = new AttachmentReceipt(id, sealedPayload.Size, Convert.ToHexStringLower(SHA256.HashData(plaintext)), sealedPayload.KeyId, sealedPayload.StoredAt);
        return new InlinePayloadDraft(receipt, new InlinePayload
        {
            Id = id.Value,
            Envelope = envelope.ToArray(),
            KeyId = sealedPayload.KeyId,
            StoredAt = sealedPayload.StoredAt.UtcDateTime,
            DeliveryFinishedAt = deliveryFinishedAt?.UtcDateTime,
        });
    }

    public Task<AttachmentReceipt> PutAsync(Stream plaintext, CancellationToken cancellationToken) => _outer.PutAsync(plaintext, cancellationToken);

    public async Task<Stream> OpenReadAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var envelope = await FindEnvelopeAsync(id, cancellationToken).ConfigureAwait(false);
        return envelope is null
            ? await _outer.OpenReadAsync(id, cancellationToken).ConfigureAwait(false)
            : await EnvelopeReader.OpenAsync(new MemoryStream(envelope, writable: false), _keys, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the row and with it the wrapped data key. On SQLite the delete runs with secure_delete, so the freed
    /// content is overwritten with zeros (an older copy of the page stays in the write-ahead log until the next
    /// checkpoint); PostgreSQL keeps a dead row version until vacuum, as a file system keeps freed blocks: what remains
    /// of the key either way is what backups and the disk's own lifecycle must expire.
    /// </summary>
    public async Task<bool> DeleteAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var db = _databases.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
            await using (turn.ConfigureAwait(false))
            {
                await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                if (db.Database.IsSqlite())
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON;", cancellationToken).ConfigureAwait(false);
                }

                var deleted = await db.Set<InlinePayload>().Where(p => p.Id == id.Value).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                if (deleted == 1)
                {
                    return true;
                }
            }
        }

        return await _outer.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> RewrapAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var db = _databases.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var row = await db.Set<InlinePayload>().FirstOrDefaultAsync(p => p.Id == id.Value, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return await _outer.RewrapAsync(id, cancellationToken).ConfigureAwait(false);
            }

            var key = await _keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
            if (row.KeyId == key.KeyId)
            {
                return key.KeyId;
            }

            using var rewrapped = new MemoryStream(row.Envelope.Length + 256);
            using var source = new MemoryStream(row.Envelope, writable: false);
            var header = await EnvelopeReader.RewrapAsync(source, rewrapped, _keys, key, _keys.WrapAlgorithm, cancellationToken).ConfigureAwait(false);
            row.Envelope = rewrapped.ToArray();
            row.KeyId = header.KeyId;
            // A save outside a transaction takes its own write turn.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return header.KeyId;
        }
    }

    public async Task MarkDeliveryFinishedAsync(AttachmentId id, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        var db = _databases.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
            await using (turn.ConfigureAwait(false))
            {
                var at = finishedAt.UtcDateTime;
                var updated = await db.Set<InlinePayload>().Where(p => p.Id == id.Value)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.DeliveryFinishedAt, at), cancellationToken).ConfigureAwait(false);
                if (updated == 1)
                {
                    return;
                }
            }
        }

        await _outer.MarkDeliveryFinishedAsync(id, finishedAt, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<StoredAttachment> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = _databases.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var rows = db.Set<InlinePayload>().AsNoTracking().OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.KeyId, p.StoredAt, p.DeliveryFinishedAt }).AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return new StoredAttachment(
                    AttachmentId.Parse(row.Id), row.KeyId, new DateTimeOffset(DateTime.SpecifyKind(row.StoredAt, DateTimeKind.Utc)),
                    row.DeliveryFinishedAt is { } finished ? new DateTimeOffset(DateTime.SpecifyKind(finished, DateTimeKind.Utc)) : null);
            }
        }

        await foreach (var stored in _outer.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return stored;
        }
    }

    /// <summary>
    /// The payloads among <paramref name="ids"/> kept in the database, decrypted, read in one query: what a batch of
    /// deliveries sends. One that fails authentication is left out, for a single read to report.
    /// </summary>
    internal async Task<IReadOnlyDictionary<AttachmentId, byte[]>> ReadTogetherAsync(IReadOnlyCollection<AttachmentId> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var read = new Dictionary<AttachmentId, byte[]>();
        if (ids.Count == 0)
        {
            return read;
        }

        var values = ids.Select(i => i.Value).ToList();
        List<(string Id, byte[] Envelope)> rows;
        var db = _databases.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            rows = [.. (await db.Set<InlinePayload>().AsNoTracking().Where(p => values.Contains(p.Id)).Select(p => new { p.Id, p.Envelope })
                .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(r => (r.Id, r.Envelope))];
        }

        foreach (var (id, envelope) in rows)
        {
            try
            {
                var stream = await EnvelopeReader.OpenAsync(new MemoryStream(envelope, writable: false), _keys, cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    using var plaintext = new MemoryStream(envelope.Length);
                    await stream.CopyToAsync(plaintext, cancellationToken).ConfigureAwait(false);
                    read[AttachmentId.Parse(id)] = plaintext.ToArray();
                }
            }
            catch (Exception e) when (e is EnvelopeException or CryptographicException)
            {
                // Left for the single read, which turns it into the worker's "failed decryption" retry.
            }
        }

        return read;
    }

    private async Task<byte[]?> FindEnvelopeAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var db = _databases.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            return await db.Set<InlinePayload>().AsNoTracking().Where(p => p.Id == id.Value).Select(p => p.Envelope)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
