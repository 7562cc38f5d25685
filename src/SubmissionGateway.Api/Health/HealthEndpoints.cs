using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace SubmissionGateway.Api.Health;

/// <summary>Liveness and readiness probes for the load balancer and the container runtime.</summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Liveness runs no checks: a process that answers is alive; dependencies belong to readiness.
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }
}
