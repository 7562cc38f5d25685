using Microsoft.EntityFrameworkCore;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Persistence;

/// <summary>
/// The gateway's one database. Each capability keeps its entity configurations beside its model
/// (IEntityTypeConfiguration classes) and they are all picked up here; the provider-specific subclasses exist
/// only so each provider has its own migrations.
/// </summary>
public class GatewayDbContext : DbContext
{
    protected GatewayDbContext(DbContextOptions options)
        : base(options)
    {
    }

    private SqliteWriteGate? _writeGate;

    public DbSet<DisclosureEntry> DisclosureEntries => Set<DisclosureEntry>();

    public DbSet<LedgerNode> LedgerNodes => Set<LedgerNode>();

    public DbSet<OutboxItem> OutboxItems => Set<OutboxItem>();

    public DbSet<AccessAuditEvent> AccessAuditEvents => Set<AccessAuditEvent>();

    public DbSet<AttachmentRequest> AttachmentRequests => Set<AttachmentRequest>();

    public DbSet<RequestedDocumentType> RequestedDocumentTypes => Set<RequestedDocumentType>();

    public DbSet<RequestDocument> RequestDocuments => Set<RequestDocument>();

    public DbSet<Access.Revocation> Revocations => Set<Access.Revocation>();

    /// <summary>
    /// Waits for this context's turn to write (SQLite: one writer per database in the process, queued; PostgreSQL:
    /// at once, holding nothing). Take it before beginning a write transaction or a write outside one, and dispose it
    /// after the commit or rollback. Not reentrant.
    /// </summary>
    public ValueTask<WriteTurn> TakeWriteTurnAsync(CancellationToken cancellationToken)
    {
        if (!Database.IsSqlite())
        {
            return ValueTask.FromResult(WriteTurn.None);
        }

        _writeGate ??= SqliteWriteGate.For(Database.GetConnectionString() ?? "");
        return _writeGate.EnterAsync(cancellationToken);
    }

    /// <summary>
    /// A save outside an explicit transaction is its own write transaction, so it takes its turn; inside one, the
    /// transaction's owner holds the turn already (or, for callers that take none, SQLite's own lock decides).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null || !Database.IsSqlite())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        var turn = await TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using (turn.ConfigureAwait(false))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GatewayDbContext).Assembly);
    }
}
