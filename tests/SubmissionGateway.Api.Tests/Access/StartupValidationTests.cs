using Microsoft.Extensions.Options;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Access;

/// <summary>Security settings that could never work are refused when the host starts, not on the first request.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("RateLimits:PermitsPerWindow", "0", "PermitsPerWindow")]
    [InlineData("RateLimits:Window", "00:00:00", "Window")]
    [InlineData("Revocations:CacheDuration", "01:00:00", "CacheDuration")]
    [InlineData("BillingClients:Clients:0:Thumbprint", "abc", "Thumbprint")]
    public async Task A_bad_setting_stops_the_host(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BillingClients:Clients:0:ClientId"] = "maple-billing",
            ["BillingClients:Clients:0:SubmitterId"] = Samples.OfficeVisitSubmitter,
            ["BillingClients:Clients:0:Thumbprint"] = new string('A', 64),
            [key] = value,
        };
        await using var factory = new GatewayApiFactory(settings);

        var refused = Should.Throw<OptionsValidationException>(() => factory.CreateClient());

        refused.Message.ShouldContain(named);
    }

    [Fact]
    public async Task A_billing_client_without_a_thumbprint_or_a_subject_and_issuer_stops_the_host()
    {
        await using var factory = new GatewayApiFactory(new Dictionary<string, string?>
        {
            ["BillingClients:Clients:0:ClientId"] = "maple-billing",
            ["BillingClients:Clients:0:SubmitterId"] = Samples.OfficeVisitSubmitter,
            ["BillingClients:Clients:0:Subject"] = "CN=Maple Street Billing",
        });

        var refused = Should.Throw<OptionsValidationException>(() => factory.CreateClient());

        refused.Message.ShouldContain("needs a Thumbprint, or a Subject and an Issuer");
    }
}
