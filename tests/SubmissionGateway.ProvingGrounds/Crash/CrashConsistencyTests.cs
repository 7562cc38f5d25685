using System.Globalization;
using Shouldly;
using SubmissionGateway.Persistence;
using SubmissionGateway.ProvingGrounds.Harness;

namespace SubmissionGateway.ProvingGrounds.Crash;

/// <summary>
/// The gateway as a process, killed with SIGKILL at random moments while submitters post 837s, a coder opens, fills and submits attachment requests, and the outbox
/// delivers to a (slightly slow) payer; restarted each time. After the last restart, what was unanswered is posted
/// again under the same keys, the outbox drains, and every invariant is checked against the database, the payer's
/// record and <c>sgw ledger verify</c>. Short in CI (5 kills on SQLite, 2 on PostgreSQL); SGW_LONG_PROVING=1 kills it 60 times on each.
/// </summary>
public sealed class CrashConsistencyTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Sqlite_survives_sigkill_at_random_moments() => RunAsync(DatabaseProvider.Sqlite, PortBlock.At(0));

    [Fact]
    public Task Postgres_survives_sigkill_at_random_moments() => RunAsync(DatabaseProvider.PostgreSql, PortBlock.At(1));

    private async Task RunAsync(DatabaseProvider provider, PortBlock ports)
    {
        var kills = TestServices.Long ? 60 : provider == DatabaseProvider.Sqlite ? 5 : 2;
        var seed = Environment.GetEnvironmentVariable("SGW_PROVING_SEED") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next();
        var random = new Random(seed);
        output.WriteLine($"{provider}: {kills} kills, seed {seed} (SGW_PROVING_SEED reproduces the kill timings)");
        await using var gateway = await GatewayUnderTest.StartAsync(provider, ports, null, Ct);
        // A payer that takes a moment, so kills also land while a delivery is in flight.
        gateway.Payer.Behaviour = _ => new PayerAnswer(200, TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50)));
        using var client = gateway.Process.Client(gateway.Token("submitter", Repository.SampleSubmitter));
        var driver = new SubmissionDriver();
        var coderFlows = new AttachmentDriver();
        using var coder = gateway.Process.Client(gateway.Token("coder"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        for (var kill = 1; kill <= kills; kill++)
        {
            using var stop = new CancellationTokenSource();
            var driving = Task.WhenAll(driver.DriveAsync(client, concurrency: 2, stop.Token, Ct), coderFlows.DriveAsync(coder, stop.Token, Ct));
            // Kill while traffic flows: after a few answers in this life of the process, then a random moment later.
            var before = driver.Answered.Count;
            var wanted = before + random.Next(1, 12);
            var patience = System.Diagnostics.Stopwatch.StartNew();
            while (driver.Answered.Count < wanted && patience.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20, Ct);
            }

            await Task.Delay(random.Next(0, 700), Ct);
            gateway.Process.Kill();
            await stop.CancelAsync();
            await driving;
            var restart = System.Diagnostics.Stopwatch.StartNew();
            await gateway.Process.StartAsync(Ct);
            output.WriteLine($"kill {kill} at {clock.Elapsed.TotalSeconds:F1} s: {driver.Answered.Count} answered so far, restarted in {restart.Elapsed.TotalSeconds:F1} s");
        }

        var stillUnanswered = await driver.RepostUnansweredAsync(client, Ct);
        await coderFlows.FinishAsync(coder, Ct);
        var pending = await GatewayInvariants.WaitForDrainAsync(gateway.Database.Factory, TimeSpan.FromSeconds(60), Ct);
        var report = await GatewayInvariants.CheckAsync(gateway.Database.Factory, gateway.Payer, driver.Answered, expectAllDelivered: true, Ct, coderFlows.Submitted);
        var verify = await gateway.VerifyLedgerAsync(Ct);
        output.WriteLine($"finished in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"attachment requests opened {coderFlows.Opened.Count}, submitted {coderFlows.Submitted.Count}");
        output.WriteLine($"kills {kills}, answered {driver.Answered.Count}, unanswered then reposted {stillUnanswered}, pending after drain {pending}");
        output.WriteLine(report.ToString());
        output.WriteLine(verify.ToString());

        driver.Refused.ShouldBeEmpty();
        coderFlows.Refused.ShouldBeEmpty();
        coderFlows.Submitted.Count.ShouldBe(coderFlows.Opened.Count, "every opened request ends submitted");
        stillUnanswered.ShouldBe(0, "after the last restart every key gets an answer");
        driver.Answered.Count.ShouldBeGreaterThan(kills, "the harness drove real traffic between kills");
        pending.ShouldBe(0, await gateway.Process.TailAsync());
        report.Violations.ShouldBeEmpty(report.ToString());
        report.OutboxItems.ShouldBe(driver.Answered.Count + coderFlows.Submitted.Count, "one delivery per submission and per submitted request, never two");
        verify.ExitCode.ShouldBe(0, verify.ToString());
        verify.Output.ShouldContain($"ledger intact: {report.LedgerEntries} entries");
    }
}
