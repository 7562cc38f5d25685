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

    public DbSet<DisclosureEntry> DisclosureEntries => Set<DisclosureEntry>();

    public DbSet<LedgerNode> LedgerNodes => Set<LedgerNode>();

    public DbSet<OutboxItem> OutboxItems => Set<OutboxItem>();

    public DbSet<AccessAuditEvent> AccessAuditEvents => Set<AccessAuditEvent>();

    public DbSet<AttachmentRequest> AttachmentRequests => Set<AttachmentRequest>();

    public DbSet<RequestedDocumentType> RequestedDocumentTypes => Set<RequestedDocumentType>();

    public DbSet<RequestDocument> RequestDocuments => Set<RequestDocument>();

    public DbSet<Access.Revocation> Revocations => Set<Access.Revocation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GatewayDbContext).Assembly);
    }
}
