using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace SubmissionGateway.Api.Tests;

/// <summary>Deny by default: an endpoint open to anonymous callers must be a health probe (or the console's sign-in).</summary>
public sealed class EndpointSecurityTests(GatewayApiFactory factory) : IClassFixture<GatewayApiFactory>
{
    [Fact]
    public async Task Only_health_probes_allow_anonymous_access()
    {
        using var _ = factory.CreateClient();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var fallback = (await factory.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync())
            .ShouldNotBeNull();
        fallback.Requirements.ShouldContain(r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);

        endpoints.ShouldContain(e => e.RoutePattern.RawText == "submissions");
        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "")
            .ToList();
        open.ShouldNotBeEmpty();
        // Besides the probes, only the console's sign-in page and its "not available to you" page (neither shows PHI).
        open.ShouldAllBe(p => p.StartsWith("/health/", StringComparison.Ordinal) || p == "console/signin" || p == "console/denied");
    }
}
