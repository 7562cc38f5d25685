using Microsoft.Extensions.Options;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Hosting;

public sealed class ThreadPoolFloorTests
{
    [Fact]
    public async Task The_started_gateway_keeps_at_least_the_configured_worker_threads_ready_and_never_lowers_the_floor()
    {
        ThreadPool.GetMinThreads(out var before, out _);
        // Above this process's floor (other tests' gateways leave it alone by default), so only this gateway can have set it.
        var wanted = before + 7;
        await using (var factory = new GatewayApiFactory(new Dictionary<string, string?> { ["ThreadPool:MinWorkerThreads"] = $"{wanted}" }))
        {
            using var client = factory.CreateClient();
            ThreadPool.GetMinThreads(out var workers, out _);
            workers.ShouldBe(wanted);
        }

        await using (var lower = new GatewayApiFactory(new Dictionary<string, string?> { ["ThreadPool:MinWorkerThreads"] = "1" }))
        {
            using var client = lower.CreateClient();
            ThreadPool.GetMinThreads(out var workers, out _);
            workers.ShouldBe(wanted, "a lower setting leaves a higher floor alone");
        }
    }

    [Fact]
    public void By_default_the_runtime_keeps_its_own_floor() => new SubmissionGateway.Api.Hosting.ThreadPoolOptions().MinWorkerThreads.ShouldBe(0);

    [Fact]
    public async Task A_negative_floor_stops_the_start_with_the_setting_named()
    {
        await using var factory = new GatewayApiFactory(new Dictionary<string, string?> { ["ThreadPool:MinWorkerThreads"] = "-1" });
        var refused = Should.Throw<OptionsValidationException>(() => factory.CreateClient());
        refused.Message.ShouldContain("MinWorkerThreads");
    }
}
