using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Persistence;

/// <summary>
/// Creates the provider's context; every unit of work gets its own, so workers never share one. Contexts come from a
/// pool and go back to it, reset, when disposed: a submission uses several, and building each one anew (its internal
/// service scope, its provider services) was a large part of the intake's allocations.
/// </summary>
public sealed class GatewayDbContextFactory : IDbContextFactory<GatewayDbContext>
{
    private readonly Func<GatewayDbContext> _create;

    public GatewayDbContextFactory(IOptions<PersistenceOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public GatewayDbContextFactory(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = options.Provider;
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            var pool = new PooledDbContextFactory<PostgresGatewayDbContext>(new DbContextOptionsBuilder<PostgresGatewayDbContext>()
                .UseNpgsql(options.ConnectionString)
                .Options);
            _create = pool.CreateDbContext;
        }
        else
        {
            var builder = new DbContextOptionsBuilder<SqliteGatewayDbContext>().UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqliteConnectionPragmas(options.SqliteSynchronous));

            var pool = new PooledDbContextFactory<SqliteGatewayDbContext>(builder.Options);
            _create = pool.CreateDbContext;
        }
    }

    public DatabaseProvider Provider { get; }

    public GatewayDbContext CreateDbContext() => _create();
}
