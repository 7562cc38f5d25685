using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Persistence;

/// <summary>Creates the provider's context; every unit of work gets its own, so workers never share one.</summary>
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
            var built = new DbContextOptionsBuilder<PostgresGatewayDbContext>()
                .UseNpgsql(options.ConnectionString)
                .Options;
            _create = () => new PostgresGatewayDbContext(built);
        }
        else
        {
            var builder = new DbContextOptionsBuilder<SqliteGatewayDbContext>().UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqliteConnectionPragmas(options.SqliteSynchronous));

            var built = builder.Options;
            _create = () => new SqliteGatewayDbContext(built);
        }
    }

    public DatabaseProvider Provider { get; }

    public GatewayDbContext CreateDbContext() => _create();
}
