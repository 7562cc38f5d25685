using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SubmissionGateway.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers the gateway database (SQLite by default, PostgreSQL when configured).</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, Action<PersistenceOptions> configure)
    {
        services.AddOptions<PersistenceOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<GatewayDbContextFactory>();
        services.TryAddSingleton<IDbContextFactory<GatewayDbContext>>(sp => sp.GetRequiredService<GatewayDbContextFactory>());
        return services;
    }
}
