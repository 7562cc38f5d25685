using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace SubmissionGateway.Api.Tests;

/// <summary>
/// Deny by default: an endpoint open to anonymous callers must be a health probe, the console's sign-in and "not
/// available to you" pages (neither shows PHI), or, in Development only, the API description (/openapi, /scalar).
/// </summary>
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
        open.ShouldAllBe(p => p.StartsWith("/health/", StringComparison.Ordinal) || p == "console/signin" || p == "console/denied"
            || p.StartsWith("/openapi/", StringComparison.Ordinal) || p.StartsWith("/scalar/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_development_only_health_probes_allow_anonymous_access_and_no_api_description_is_served()
    {
        await using var production = factory.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("PayerRegistry:Payers:0:Id", "SGWPAYER01")
            .UseSetting("PayerRegistry:Payers:0:Name", "Sandbox Health Plan")
            .UseSetting("PayerRegistry:Payers:0:Address", "1 Plan Way, Springfield, IL 62701")
            .UseSetting("PayerRegistry:Payers:0:TransactionTypes:0", "837")
            .UseSetting("Intake:SenderId", "SGWGATEWAY"));
        using var client = production.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        // Unmapped, so deny by default answers first: an anonymous caller cannot even tell it does not exist.
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        var open = production.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText ?? "").ToList();
        open.ShouldNotBeEmpty();
        open.ShouldAllBe(p => p.StartsWith("/health/", StringComparison.Ordinal) || p == "console/signin" || p == "console/denied");
    }
}
