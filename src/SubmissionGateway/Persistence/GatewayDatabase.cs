using Microsoft.EntityFrameworkCore;

namespace SubmissionGateway.Persistence;

/// <summary>Brings a database to the current schema.</summary>
public static class GatewayDatabase
{
    /// <summary>Applies the provider's migrations; a SQLite file is switched to WAL (a setting the file keeps).</summary>
    public static async Task MigrateAsync(GatewayDbContextFactory factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = factory.CreateDbContext();
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers (accounting, verify) run while the single writer appends.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
