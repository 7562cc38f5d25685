using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SubmissionGateway.Api.Health;

/// <summary>Liveness and readiness probes for the load balancer and the container runtime.</summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        // Readiness: what a submission needs end to end. Degraded (still 200) when only a payer is down.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<AttachmentStoreHealthCheck>("attachment-store", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<KeyProviderHealthCheck>("key-provider", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<PayerBreakersHealthCheck>("payer-breakers", HealthStatus.Degraded, [ReadyTag], CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Liveness runs no checks: a process that answers is alive; dependencies belong to readiness.
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous();
        return endpoints;
    }
}
