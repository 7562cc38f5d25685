using Shouldly;
using SubmissionGateway.Forwarding;
using SubmissionGateway.ProvingGrounds.Harness;

namespace SubmissionGateway.ProvingGrounds.PayerFaults;

/// <summary>
/// The real gateway process against a payer that fails, stalls, throttles, accepts and then errors, or goes away.
/// In every case: nothing lost, one Delivered outcome per disclosure, and when the payer sees a payload twice it is
/// under the same Idempotency-Key with the same bytes, so the payer dedups (the gateway cannot know whether a
/// stalled call was processed; it retries under the key by design). After each scenario every invariant of the
/// crash suite is checked over the whole database and the payer's record.
/// </summary>
public sealed class PayerFaultTests(PayerFaultGateway fixture, ITestOutputHelper output) : IClassFixture<PayerFaultGateway>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PayerStandIn Payer => fixture.Gateway.Payer;

    [Fact]
    public async Task Fails_twice_then_succeeds()
    {
        Payer.Behaviour = call => call.Attempt <= 2 ? new PayerAnswer(503) : PayerAnswer.Accept;
        var items = await fixture.SubmitAsync(3, Ct);

        var settled = await fixture.SettledAsync(items, Settle, Ct);

        settled.ShouldAllBe(i => i.Status == OutboxStatus.Delivered);
        foreach (var item in items)
        {
            var calls = CallsFor(item);
            calls.Count(c => c.Answer.Status == 503).ShouldBe(2);
            calls.Last().Answer.Status.ShouldBe(200, "after it accepted, the payer was not called again");
        }

        await ExpectOneDeliveredOutcomeEachAsync(items);
        await ExpectInvariantsAsync();
    }

    [Fact]
    public async Task Stalls_beyond_the_attempt_timeout_then_answers()
    {
        // The first call is processed but answered after the gateway's 2 s attempt timeout: the gateway retries.
        Payer.Behaviour = call => call.Attempt == 1 ? new PayerAnswer(200, TimeSpan.FromSeconds(3)) : PayerAnswer.Accept;
        var items = await fixture.SubmitAsync(2, Ct);

        var settled = await fixture.SettledAsync(items, Settle, Ct);

        settled.ShouldAllBe(i => i.Status == OutboxStatus.Delivered);
        foreach (var item in items)
        {
            var calls = CallsFor(item);
            calls.Count.ShouldBeGreaterThanOrEqualTo(2, "the stalled call was retried");
            calls.Select(c => c.PayloadSha256).Distinct().ShouldBe([item.PayloadSha256], "a retry carries the very bytes the ledger describes");
        }

        await ExpectOneDeliveredOutcomeEachAsync(items);
        await ExpectInvariantsAsync();
    }

    [Fact]
    public async Task Throttles_with_429_and_retry_after()
    {
        Payer.Behaviour = call => call.Attempt == 1 ? new PayerAnswer(429, RetryAfterSeconds: 1) : PayerAnswer.Accept;
        var items = await fixture.SubmitAsync(2, Ct);

        var settled = await fixture.SettledAsync(items, Settle, Ct);

        settled.ShouldAllBe(i => i.Status == OutboxStatus.Delivered);
        foreach (var item in items)
        {
            var calls = CallsFor(item);
            calls.Count.ShouldBeGreaterThanOrEqualTo(2);
            (calls[1].At - calls[0].At).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900), "Retry-After: 1 was honoured");
        }

        await ExpectOneDeliveredOutcomeEachAsync(items);
        await ExpectInvariantsAsync();
    }

    [Fact]
    public async Task Accepts_then_answers_500_to_the_retry_of_the_same_key()
    {
        // The payer takes the payload but the answer is lost (stall past the timeout); the retry under the same key
        // meets a 500 twice before the payer's dedup answers "already have it".
        Payer.Behaviour = call => call.Attempt switch
        {
            1 => new PayerAnswer(200, TimeSpan.FromSeconds(3)),
            2 or 3 => PayerAnswer.ServerError,
            _ => PayerAnswer.Accept,
        };
        var items = await fixture.SubmitAsync(2, Ct);

        var settled = await fixture.SettledAsync(items, Settle, Ct);

        settled.ShouldAllBe(i => i.Status == OutboxStatus.Delivered);
        foreach (var item in items)
        {
            var calls = CallsFor(item);
            calls.Count.ShouldBeGreaterThanOrEqualTo(4);
            calls.Select(c => c.IdempotencyKey).Distinct().Count().ShouldBe(1, "every retry is under the one key the payer dedups on");
        }

        await ExpectOneDeliveredOutcomeEachAsync(items);
        await ExpectInvariantsAsync();
    }

    [Fact]
    public async Task Goes_down_for_a_while_opens_the_breaker_and_loses_nothing()
    {
        var down = TestServices.Long ? TimeSpan.FromMinutes(3) : TimeSpan.FromSeconds(8);
        Payer.Behaviour = _ => PayerAnswer.Accept;
        Payer.GoDown();
        BreakerVisibility.Evidence evidence;
        string? health = null;
        var items = new List<OutboxItem>();
        try
        {
            items.AddRange(await fixture.SubmitAsync(4, Ct));
            var until = DateTimeOffset.UtcNow + down;
            // Billing systems do not stop posting because a payer is down: work keeps arriving while the breaker is
            // open and must be answered and queued like any other, not refused or dropped.
            var cadence = TimeSpan.FromSeconds(TestServices.Long ? 5 : 2);
            var nextPost = DateTimeOffset.UtcNow + cadence;
            evidence = await BreakerVisibility.ReadAsync(fixture.Gateway, Repository.SamplePayer, Ct);
            while (DateTimeOffset.UtcNow < until)
            {
                await Task.Delay(500, Ct);
                if (DateTimeOffset.UtcNow >= nextPost)
                {
                    items.AddRange(await fixture.SubmitAsync(2, Ct));
                    nextPost += cadence;
                }

                var now = await BreakerVisibility.ReadAsync(fixture.Gateway, Repository.SamplePayer, Ct);
                evidence = now.Seen ? now : evidence;
                health ??= now.HealthEntry;
            }

            (await fixture.SettledAsync(items, TimeSpan.Zero, Ct)).ShouldAllBe(i => i.Status == OutboxStatus.Pending, "a payer that is down is waited for, not given up on");
        }
        finally
        {
            Payer.ComeBack();
        }

        output.WriteLine($"down for {down}; breaker evidence: outbox '{evidence.OutboxError}', health '{health ?? "(no payer entry in /health/ready)"}'");
        evidence.Seen.ShouldBeTrue("the open circuit shows outside the process");
        health.ShouldNotBeNull("while the payer is down, /health/ready names its open circuit");
        health.ShouldContain("Degraded");
        var settled = await fixture.SettledAsync(items, Settle, Ct);
        settled.ShouldAllBe(i => i.Status == OutboxStatus.Delivered);
        foreach (var item in items)
        {
            var calls = CallsFor(item);
            calls.ShouldNotBeEmpty("delivered when the payer came back");
            calls.Last().Answer.Status.ShouldBe(200, "and not called again after it accepted");
        }

        await ExpectOneDeliveredOutcomeEachAsync(items);
        await ExpectInvariantsAsync();
    }

    private List<PayerCall> CallsFor(OutboxItem item) => [.. Payer.Calls.Where(c => c.IdempotencyKey == item.IdempotencyKey).OrderBy(c => c.At)];

    private async Task ExpectOneDeliveredOutcomeEachAsync(IReadOnlyList<OutboxItem> items)
    {
        var outcomes = await fixture.OutcomesAsync(items, Ct);
        foreach (var item in items)
        {
            var mine = outcomes.Where(o => o.RefersToSequence == item.DisclosureSequence).ToList();
            mine.Count.ShouldBe(1, "one outcome appended per disclosure, whatever the retries");
            mine[0].Outcome.ShouldBe("Delivered");
            mine[0].Detail!.ShouldContain("HTTP 200");
        }
    }

    private async Task ExpectInvariantsAsync()
    {
        await GatewayInvariants.WaitForDrainAsync(fixture.Gateway.Database.Factory, Settle, Ct);
        var report = await GatewayInvariants.CheckAsync(fixture.Gateway.Database.Factory, Payer, fixture.Answered, expectAllDelivered: true, Ct);
        output.WriteLine(report.ToString());
        report.Violations.ShouldBeEmpty(report.ToString());
    }
}
