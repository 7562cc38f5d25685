using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GatewayMetrics"/> on the host's <c>IMeterFactory</c> and the payer breakers it observes.
    /// Idempotent: every capability that records something calls it. No exporter here; the host chooses one.
    /// </summary>
    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PayerBreakers(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<PayerRegistryOptions>>().Value.Payers.Select(p => p.Id)));
        services.TryAddSingleton<GatewayMetrics>();
        return services;
    }
}
