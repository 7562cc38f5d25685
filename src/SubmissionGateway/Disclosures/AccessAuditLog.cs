using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Disclosures;

/// <summary>Records every read or write of PHI through the gateway, and reads them back for review.</summary>
public sealed class AccessAuditLog
{
    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly TimeProvider _time;

    public AccessAuditLog(IDbContextFactory<GatewayDbContext> databases, TimeProvider time)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async Task<AccessAuditEvent> RecordAsync(
        string actor, AccessAction action, string resourceType, string resourceId, string reason, bool resourceClosed, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceType);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        var audit = new AccessAuditEvent
        {
            OccurredAt = _time.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            Reason = reason ?? "",
            ResourceClosed = resourceClosed,
        };
        await using var db = _databases.CreateDbContext();
        db.AccessAuditEvents.Add(audit);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return audit;
    }

    public async IAsyncEnumerable<AccessAuditEvent> StreamAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = from.UtcDateTime;
        var end = to.UtcDateTime;
        await using var db = _databases.CreateDbContext();
        var rows = db.AccessAuditEvents.AsNoTracking().Where(e => e.OccurredAt >= start && e.OccurredAt < end).OrderBy(e => e.Id);
        await foreach (var audit in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return audit;
        }
    }
}
