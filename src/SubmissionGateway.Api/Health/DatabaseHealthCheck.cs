using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Health;

/// <summary>Opens a connection and reads the outbox table: a reachable server without the gateway's schema is not ready.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<GatewayDbContext> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            _ = await db.OutboxItems.AnyAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The {db.Database.ProviderName?.Split('.').Last()} database answers.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure is the answer; the exception goes to the health log, never to the anonymous caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The database cannot be opened or queried.", ex);
        }
    }
}
