using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Tests.Forwarding;

public sealed class SandboxPayerTests
{
    [Fact]
    public void With_no_payers_every_payer_id_is_the_named_sandbox_taking_837_and_275()
    {
        using var registry = new PayerRegistry(Options.Create(new PayerRegistryOptions { Sandbox = true }));

        var payer = registry.Find("SGWPAYER01").ShouldNotBeNull();

        payer.Name.ShouldStartWith("SANDBOX");
        payer.Name.ShouldContain("SGWPAYER01");
        PayerRegistry.IsSandbox(payer).ShouldBeTrue();
        registry.Refusal("SGWPAYER01", "275", 1000).ShouldBeNull();
        registry.Refusal("ANYOTHER", "837", 1000).ShouldBeNull();
    }

    [Fact]
    public void Real_payers_switch_the_sandbox_off_and_the_validator_refuses_both_together()
    {
        var options = new PayerRegistryOptions
        {
            Sandbox = true,
            Payers = { new PayerOptions { Id = "P1", Name = "Plan", Address = "1 Way", Endpoint = "https://plan.example.test/x12", TransactionTypes = ["837"] } },
        };
        using var registry = new PayerRegistry(Options.Create(options));

        registry.Find("P2").ShouldBeNull();
        PayerRegistry.IsSandbox(registry.Find("P1")!).ShouldBeFalse();
        new PayerRegistryOptionsValidator().Validate(null, options).Failed.ShouldBeTrue();
    }

    [Fact]
    public async Task The_sandbox_channel_returns_a_receipt_without_any_network_call()
    {
        using var http = new HttpClient(new ThrowingHandler());
        using var registry = new PayerRegistry(Options.Create(new PayerRegistryOptions { Sandbox = true }));

        var result = await new PayerChannel(http).DeliverAsync(registry.Find("SGWPAYER01")!, "key-1", "275", "application/edi-x12", new byte[] { 1, 2, 3 },
            TestContext.Current.CancellationToken);

        result.Status.ShouldBe(PayerDeliveryStatus.Delivered);
        result.Detail.ShouldStartWith("SANDBOX receipt key-1: 3 bytes");
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The sandbox must not send anything.");
    }
}
