using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SubmissionGateway.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Registers the revocation list (one per process: it holds the in-process copy). Needs AddPersistence.</summary>
    public static IServiceCollection AddRevocations(this IServiceCollection services, Action<RevocationOptions>? configure = null)
    {
        services.AddOptions<RevocationOptions>().Configure(configure ?? (_ => { })).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RevocationList>();
        return services;
    }
}
