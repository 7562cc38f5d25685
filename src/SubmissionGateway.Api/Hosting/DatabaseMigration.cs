using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Hosting;

/// <summary>Brings the database to the current schema before any other hosted service touches it.</summary>
internal sealed class DatabaseMigration(GatewayDbContextFactory factory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => GatewayDatabase.MigrateAsync(factory, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
