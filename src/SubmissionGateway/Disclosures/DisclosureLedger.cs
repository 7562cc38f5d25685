using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Telemetry;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// The append-only disclosure ledger. Appends are serialized (SQLite: the write lock taken by BEGIN IMMEDIATE;
/// PostgreSQL: a transaction-scoped advisory lock) so sequences stay gapless and every leaf lands in order, from
/// any number of processes. Nothing here updates or deletes an entry.
/// </summary>
public sealed class DisclosureLedger
{
    /// <summary>Associated data for the patient column: a ciphertext moved to another column fails to decrypt.</summary>
    public const string PatientPurpose = "disclosure_entries.patient";

    // Any constant works; it only has to be the same in every process that appends.
    private const long AdvisoryLockKey = 0x5347_574C_4544_4752;

    // Enough to carry a burst of concurrent submissions in one commit, few enough that one transaction stays short.
    private const int MaxAppendsPerTransaction = 64;

    private static readonly JsonSerializerOptions PatientJson = new(JsonSerializerDefaults.Web);

    // Read once per append transaction, under the write lock: compiled, not translated each time.
    private static readonly CompiledPerModel<Func<GatewayDbContext, CancellationToken, Task<long?>>> LastSequence =
        new(() => EF.CompileAsyncQuery((GatewayDbContext db, CancellationToken _) => db.DisclosureEntries.Max(e => (long?)e.Sequence)));

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly PhiFieldProtector _protector;
    private readonly PatientBlindIndex _index;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics? _metrics;
    private readonly LedgerCommitQueue _commits;

    public DisclosureLedger(IDbContextFactory<GatewayDbContext> databases, PhiFieldProtector protector, PatientBlindIndex index, TimeProvider time, GatewayMetrics? metrics = null)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics;
        _commits = new LedgerCommitQueue(CommitTogetherAsync, MaxAppendsPerTransaction);
    }

    public async Task<DisclosureEntry> RecordDisclosureAsync(DisclosureRecord record, CancellationToken cancellationToken)
    {
        var entries = await RecordDisclosuresAsync([record], cancellationToken).ConfigureAwait(false);
        return entries[0];
    }

    /// <summary>Records several disclosures in one transaction (one commit, one lock acquisition).</summary>
    public async Task<IReadOnlyList<DisclosureEntry>> RecordDisclosuresAsync(IReadOnlyList<DisclosureRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var drafts = records.Select(Draft).ToList();
        await using var db = _databases.CreateDbContext();
        return await AppendAsync(db, drafts, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends the outcome of delivering disclosure <paramref name="disclosureSequence"/>.</summary>
    public async Task<DisclosureEntry> RecordOutcomeAsync(long disclosureSequence, DeliveryOutcome outcome, string detail, string actor, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        var original = await FindDisclosureAsync(db, disclosureSequence, cancellationToken).ConfigureAwait(false);
        var entries = await AppendAsync(db, [FollowUp(original, DisclosureEntryKind.DeliveryOutcome, outcome.ToString(), detail, actor)], null, cancellationToken).ConfigureAwait(false);
        return entries[0];
    }

    /// <summary>Appends an incident (e.g. a disclosure found misdirected) with its risk assessment.</summary>
    public async Task<DisclosureEntry> RecordIncidentAsync(long disclosureSequence, string finding, string riskAssessment, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finding);
        ArgumentException.ThrowIfNullOrWhiteSpace(riskAssessment);
        await using var db = _databases.CreateDbContext();
        var original = await FindDisclosureAsync(db, disclosureSequence, cancellationToken).ConfigureAwait(false);
        var entries = await AppendAsync(db, [FollowUp(original, DisclosureEntryKind.Incident, finding, riskAssessment, actor)], null, cancellationToken).ConfigureAwait(false);
        return entries[0];
    }

    /// <summary>Decrypts the patient of an entry (for accounting and review; never logged).</summary>
    public PatientIdentity RevealPatient(DisclosureEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Deserialize<PatientIdentity>(_protector.Unprotect(entry.PatientCiphertext, PatientPurpose), PatientJson)
            ?? throw new PhiFieldTamperedException("The patient value is empty.");
    }

    /// <summary>The audit path for entry <paramref name="sequence"/> in the tree of the first <paramref name="treeSize"/> entries.</summary>
    public async Task<InclusionProof> ProveAsync(long sequence, long treeSize, CancellationToken cancellationToken)
    {
        if (sequence < 0 || sequence >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), $"Entry {sequence} is not in a tree of {treeSize} entries.");
        }

        // Stored subtree nodes (written with each signed head) make this O(log n) reads; leaves past them are read directly.
        await using var db = _databases.CreateDbContext();
        return new InclusionProof(sequence, treeSize, await LedgerNodeStore.ProveAsync(db, sequence, treeSize, cancellationToken).ConfigureAwait(false));
    }

    public async Task<DisclosureEntry?> FindAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        return await db.DisclosureEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Sequence == sequence, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every entry in sequence order, streamed.</summary>
    public static async IAsyncEnumerable<DisclosureEntry> ReadAllAsync(IDbContextFactory<GatewayDbContext> databases, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        await using var db = databases.CreateDbContext();
        // Streamed, untracked, in primary-key order (no sort on either provider). A compiled query measured no faster
        // here (the cost is row materialization) and cannot be shared between the SQLite and PostgreSQL models.
        await foreach (var entry in db.DisclosureEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    internal DisclosureEntry Draft(DisclosureRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.Patient);
        ArgumentNullException.ThrowIfNull(record.Recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.TransactionType);
        return new DisclosureEntry
        {
            Kind = DisclosureEntryKind.Disclosure,
            PatientCiphertext = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(record.Patient, PatientJson), PatientPurpose),
            PatientIndex = _index.Compute(record.Patient.MemberId, record.Patient.BirthDate),
            PayerId = record.Recipient.PayerId,
            RecipientName = record.Recipient.Name,
            RecipientAddress = record.Recipient.Address,
            RecipientEndpoint = record.Recipient.Endpoint,
            TransactionType = record.TransactionType,
            Description = record.Content.ToJson(),
            Purpose = record.Purpose,
            LegalBasis = record.LegalBasis,
            Actor = record.Actor,
            SubmissionId = record.SubmissionId,
        };
    }

    internal static DisclosureEntry FollowUp(DisclosureEntry original, DisclosureEntryKind kind, string outcome, string detail, string actor) => new()
    {
        Kind = kind,
        RefersToSequence = original.Sequence,
        PatientCiphertext = original.PatientCiphertext,
        PatientIndex = original.PatientIndex,
        PayerId = original.PayerId,
        RecipientName = original.RecipientName,
        RecipientAddress = original.RecipientAddress,
        RecipientEndpoint = original.RecipientEndpoint,
        TransactionType = original.TransactionType,
        Description = original.Description,
        Purpose = original.Purpose,
        LegalBasis = original.LegalBasis,
        Actor = actor,
        SubmissionId = original.SubmissionId,
        Outcome = outcome,
        Detail = detail,
    };

    internal static async Task<DisclosureEntry> FindDisclosureAsync(GatewayDbContext db, long sequence, CancellationToken cancellationToken)
    {
        var original = await db.DisclosureEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Sequence == sequence, cancellationToken).ConfigureAwait(false);
        if (original is null || original.Kind != DisclosureEntryKind.Disclosure)
        {
            throw new InvalidOperationException($"Ledger entry {sequence} is not a disclosure.");
        }

        return original;
    }

    /// <summary>
    /// Takes the ledger lock, numbers and hashes the drafts, lets <paramref name="sameTransaction"/> add its own rows
    /// (the outbox item, an outbox status) and commits once. If the callback declines, nothing is written.
    /// </summary>
    internal async Task<IReadOnlyList<DisclosureEntry>> AppendAsync(
        GatewayDbContext db,
        IReadOnlyList<DisclosureEntry> drafts,
        Func<IReadOnlyList<DisclosureEntry>, CancellationToken, Task<bool>>? sameTransaction,
        CancellationToken cancellationToken)
    {
        var append = new PendingAppend(drafts, sameTransaction is null ? null : (_, entries, ct) => sameTransaction(entries, ct));
        return await AppendInOneTransactionAsync(db, [append], cancellationToken).ConfigureAwait(false) ? drafts : [];
    }

    /// <summary>
    /// Appends like <see cref="AppendAsync"/>, but in a transaction shared with the other appends waiting at the same
    /// moment (group commit): <paramref name="sameTransaction"/> gets that transaction's context and adds its rows to it.
    /// If the shared transaction fails, each append is retried alone, so a failure (a unique index deciding a race, a
    /// callback refusing) reaches only its own caller. Once queued, an append is always carried to its end: a caller's
    /// cancellation is honoured only before that, so nobody is told "cancelled" about rows that were committed.
    /// </summary>
    internal async Task<IReadOnlyList<DisclosureEntry>> AppendWithOthersAsync(
        IReadOnlyList<DisclosureEntry> drafts,
        Func<GatewayDbContext, IReadOnlyList<DisclosureEntry>, CancellationToken, Task<bool>> sameTransaction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(sameTransaction);
        cancellationToken.ThrowIfCancellationRequested();
        var append = new PendingAppend(drafts, sameTransaction);
        _commits.Enqueue(append);
        return await append.Answer.ConfigureAwait(false);
    }

    private async Task CommitTogetherAsync(IReadOnlyList<PendingAppend> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                await using var shared = _databases.CreateDbContext();
                if (await AppendInOneTransactionAsync(shared, batch, CancellationToken.None).ConfigureAwait(false))
                {
                    foreach (var append in batch)
                    {
                        append.Committed(append.Drafts);
                    }

                    return;
                }
            }
#pragma warning disable CA1031 // Any failure of the shared transaction is retried append by append below, where it reaches its own caller.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        foreach (var append in batch)
        {
            try
            {
                await using var db = _databases.CreateDbContext();
                append.Committed(await AppendInOneTransactionAsync(db, [append], CancellationToken.None).ConfigureAwait(false) ? append.Drafts : []);
            }
#pragma warning disable CA1031 // Handed to the caller waiting for this append.
            catch (Exception e)
#pragma warning restore CA1031
            {
                append.Failed(e);
            }
        }
    }

    /// <summary>Numbers, hashes and writes every append's drafts and rows in one transaction; false (nothing written) when one declines.</summary>
    private async Task<bool> AppendInOneTransactionAsync(GatewayDbContext db, IReadOnlyList<PendingAppend> appends, CancellationToken cancellationToken)
    {
        // The first append's caller is the parent; the others sharing the transaction are linked to it.
        using var activity = GatewayActivities.Source.StartActivity(
            "sgw.ledger.append", ActivityKind.Internal, appends[0].Caller, links: appends.Skip(1).Select(a => new ActivityLink(a.Caller)));
        var count = appends.Sum(a => a.Drafts.Count);
        activity?.SetTag("sgw.ledger.entries", count);
        activity?.SetTag("sgw.ledger.appends", appends.Count);
        // SQLite: queued behind the other writers of this process rather than racing them for the file lock.
        await using var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        }

        var last = await LastSequence.For(db)(db, cancellationToken).ConfigureAwait(false);
        var next = (last ?? -1) + 1;
        var now = TruncateToMicroseconds(_time.GetUtcNow().UtcDateTime);
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var append in appends)
        {
            foreach (var entry in append.Drafts)
            {
                entry.Sequence = next++;
                entry.RecordedAt = now;
                entry.LeafHash = new byte[MerkleTree.HashSize];
                DisclosureEntryCanonicalForm.LeafHash(entry, buffer, entry.LeafHash);
            }

            db.DisclosureEntries.AddRange(append.Drafts);
            if (append.Work is not null && !await append.Work(db, append.Drafts, cancellationToken).ConfigureAwait(false))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return false;
            }
        }

        // SQLite: the added rows through prepared inserts, the shortest hold of the one writer (see SqliteAddedRows).
        await SqliteAddedRows.SaveAsync(db, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        _metrics?.LedgerAppended(count);
        return true;
    }

    private static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
