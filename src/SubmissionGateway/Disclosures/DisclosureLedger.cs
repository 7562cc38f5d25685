using System.Buffers;
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

    private static readonly JsonSerializerOptions PatientJson = new(JsonSerializerDefaults.Web);

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly PhiFieldProtector _protector;
    private readonly PatientBlindIndex _index;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics? _metrics;

    public DisclosureLedger(IDbContextFactory<GatewayDbContext> databases, PhiFieldProtector protector, PatientBlindIndex index, TimeProvider time, GatewayMetrics? metrics = null)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics;
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
        using var activity = GatewayActivities.Source.StartActivity("sgw.ledger.append");
        activity?.SetTag("sgw.ledger.entries", drafts.Count);
        // SQLite: queued behind the other writers of this process rather than racing them for the file lock.
        await using var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        }

        var last = await db.DisclosureEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken).ConfigureAwait(false);
        var next = (last ?? -1) + 1;
        var now = TruncateToMicroseconds(_time.GetUtcNow().UtcDateTime);
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var entry in drafts)
        {
            entry.Sequence = next++;
            entry.RecordedAt = now;
            entry.LeafHash = new byte[MerkleTree.HashSize];
            DisclosureEntryCanonicalForm.LeafHash(entry, buffer, entry.LeafHash);
        }

        db.DisclosureEntries.AddRange(drafts);
        if (sameTransaction is not null && !await sameTransaction(drafts, cancellationToken).ConfigureAwait(false))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return [];
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        _metrics?.LedgerAppended(drafts.Count);
        return drafts;
    }

    private static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
