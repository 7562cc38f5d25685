using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SubmissionGateway.Tests.Forwarding;

public sealed class OutboxWorkerTests
{
    private const string Claim837 = "ISA*00*          *00*          *ZZ*SYNTHETIC      *ZZ*ACME           *260302*1430*^*00501*000000042*0*T*:~";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Answer(ForwardingFixture f, int status, string body = "RECEIPT-1") =>
        f.Payer.Given(Request.Create().WithPath("/claims").UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Delivers_with_idempotency_key_and_appends_the_receipt(DatabaseProvider provider)
    {
        await using var f = await ForwardingFixture.CreateAsync(provider, Ct);
        Answer(f, 200, "ACK-7781");

        var receipt = await f.ForwardAsync("ACME", "837", Claim837, "000000042", Ct);
        var before = await f.EntriesAsync(Ct);
        before.Single().Kind.ShouldBe(DisclosureEntryKind.Disclosure);
        (await f.OutboxAsync(Ct)).Single().DisclosureSequence.ShouldBe(before.Single().Sequence, "the item and its entry were written together");
        f.Payer.LogEntries.ShouldBeEmpty("recording does not send");

        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(1);

        var request = f.Payer.LogEntries.Single().RequestMessage!;
        request.Headers!["Idempotency-Key"].Single().ShouldBe(receipt.IdempotencyKey);
        request.Body.ShouldBe(Claim837);
        var entries = await f.EntriesAsync(Ct);
        entries.Count.ShouldBe(2);
        entries[1].Kind.ShouldBe(DisclosureEntryKind.DeliveryOutcome);
        entries[1].RefersToSequence.ShouldBe(receipt.DisclosureSequence);
        entries[1].Outcome.ShouldBe("Delivered");
        entries[1].Detail!.ShouldContain("ACK-7781");
        (await f.OutboxAsync(Ct)).Single().Status.ShouldBe(OutboxStatus.Delivered);
        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(0, "a delivered item is never sent again");
    }

    [Fact]
    public async Task A_batchs_deliveries_are_in_flight_together_and_their_outcomes_are_recorded_in_queue_order()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        f.Payer.Given(Request.Create().WithPath("/claims").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("ACK").WithDelay(TimeSpan.FromMilliseconds(700)));
        var receipts = new List<ForwardingReceipt>();
        for (var n = 0; n < 4; n++)
        {
            receipts.Add(await f.ForwardAsync("ACME", "837", Claim837.Replace("000000042", $"00000005{n}", StringComparison.Ordinal), $"00000005{n}", Ct));
        }

        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(4);

        var sent = f.Payer.LogEntries.Select(l => l.RequestMessage!.DateTime).Order().ToList();
        sent.Count.ShouldBe(4);
        (sent[^1] - sent[0]).ShouldBeLessThan(TimeSpan.FromMilliseconds(700), "the last was sent before the first was answered");
        var outcomes = (await f.EntriesAsync(Ct)).Where(e => e.Kind == DisclosureEntryKind.DeliveryOutcome).ToList();
        outcomes.Select(e => e.RefersToSequence!.Value).ShouldBe(receipts.Select(r => r.DisclosureSequence));
        (await f.OutboxAsync(Ct)).ShouldAllBe(o => o.Status == OutboxStatus.Delivered);
    }

    [Fact]
    public async Task Queuing_a_payload_already_queued_under_the_same_control_number_is_refused_and_writes_nothing()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var reference = await f.Payloads.StoreAsync(System.Text.Encoding.ASCII.GetBytes(Claim837), Ct);
        ForwardingRequest Request() => new(
            SubmissionGateway.Tests.Disclosures.Patients.Ada, "ACME", "837", "000000077", reference, "application/edi-x12",
            new DisclosedContent(["CLM-00077"], [new DateOnly(2026, 2, 1)], [new DisclosedDocument("837", null, Claim837.Length, "")]),
            DisclosurePurpose.Payment, "45 CFR 164.506(c)", "billing-system-7", "SUB-77");
        await f.Forwarder.ForwardTogetherAsync([Request()], (_, _, _) => Task.CompletedTask, Ct);

        var again = await Should.ThrowAsync<InvalidOperationException>(
            () => f.Forwarder.ForwardTogetherAsync([Request()], (_, _, _) => Task.CompletedTask, Ct));

        again.Message.ShouldContain("already queued");
        (await f.EntriesAsync(Ct)).Count.ShouldBe(1);
        (await f.OutboxAsync(Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Server_error_then_success_is_retried_within_one_delivery()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        f.Payer.Given(Request.Create().WithPath("/claims").UsingPost()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(500));
        f.Payer.Given(Request.Create().WithPath("/claims").UsingPost()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("OK"));
        var receipt = await f.ForwardAsync("ACME", "837", Claim837, "000000043", Ct);

        await f.Worker().RunOnceAsync(Ct);

        f.Payer.LogEntries.Count().ShouldBe(2);
        f.Payer.LogEntries.Select(e => e.RequestMessage!.Headers!["Idempotency-Key"].Single()).Distinct().ShouldBe([receipt.IdempotencyKey]);
        (await f.OutboxAsync(Ct)).Single().Status.ShouldBe(OutboxStatus.Delivered);
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        f.Payer.Given(Request.Create().WithPath("/claims").UsingPost()).InScenario("busy").WillSetStateTo("free")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        f.Payer.Given(Request.Create().WithPath("/claims").UsingPost()).InScenario("busy").WhenStateIs("free")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("OK"));
        await f.ForwardAsync("ACME", "837", Claim837, "000000044", Ct);

        await f.Worker().RunOnceAsync(Ct);

        var times = f.Payer.LogEntries.Select(e => e.RequestMessage!.DateTime).OrderBy(t => t).ToList();
        times.Count.ShouldBe(2);
        (times[1] - times[0]).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900), "the 20 ms back-off gave way to Retry-After: 1");
        (await f.OutboxAsync(Ct)).Single().Status.ShouldBe(OutboxStatus.Delivered);
    }

    [Fact]
    public async Task Slow_attempt_times_out_and_the_retry_delivers()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 3;
            o.BreakMinimumThroughput = 10;
        });
        var calls = 0;
        f.Payer.Given(Request.Create().WithPath("/claims").UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                // Longer than the 1 s attempt timeout: the channel gives up on this attempt and retries.
                Thread.Sleep(3000);
                return new WireMock.ResponseMessage { StatusCode = 200, BodyData = new WireMock.Util.BodyData { BodyAsString = "LATE", DetectedBodyType = WireMock.Types.BodyType.String } };
            }

            return new WireMock.ResponseMessage { StatusCode = 200, BodyData = new WireMock.Util.BodyData { BodyAsString = "ON-TIME", DetectedBodyType = WireMock.Types.BodyType.String } };
        }));
        await f.ForwardAsync("ACME", "837", Claim837, "000000045", Ct);

        await f.Worker().RunOnceAsync(Ct);

        // Two calls when the machine is idle; a starved thread pool may make the payer slow once more.
        Volatile.Read(ref calls).ShouldBeInRange(2, 4);
        var item = (await f.OutboxAsync(Ct)).Single();
        item.Status.ShouldBe(OutboxStatus.Delivered, item.LastError);
        (await f.EntriesAsync(Ct)).Last().Detail!.ShouldContain("ON-TIME");
    }

    [Fact]
    public async Task Payer_down_opens_the_breaker_loses_nothing_and_delivers_after_recovery()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        Answer(f, 503);
        for (var i = 0; i < 3; i++)
        {
            await f.ForwardAsync("ACME", "837", Claim837 + i, $"00000005{i}", Ct);
        }

        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(3);

        var pending = await f.OutboxAsync(Ct);
        pending.ShouldAllBe(i => i.Status == OutboxStatus.Pending && i.LeaseToken == null);
        pending.ShouldContain(i => i.LastError!.Contains("Circuit open", StringComparison.Ordinal));
        f.Payer.LogEntries.Count().ShouldBeLessThan(9, "the open breaker stopped calls to the payer");
        (await f.EntriesAsync(Ct)).Count.ShouldBe(3, "no outcome yet: the disclosures stay owed");

        f.Payer.ResetMappings();
        Answer(f, 200, "BACK");
        await Task.Delay(TimeSpan.FromMilliseconds(1200), Ct);
        f.Time.Advance(TimeSpan.FromMinutes(10));
        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(3);
        // The half-open breaker admits one trial call; deliveries in flight beside it are refused and retried later.
        for (var round = 0; round < 3 && (await f.OutboxAsync(Ct)).Any(i => i.Status == OutboxStatus.Pending); round++)
        {
            f.Time.Advance(TimeSpan.FromMinutes(10));
            await f.Worker().RunOnceAsync(Ct);
        }

        (await f.OutboxAsync(Ct)).ShouldAllBe(i => i.Status == OutboxStatus.Delivered);
        (await f.EntriesAsync(Ct)).Count(e => e.Outcome == "Delivered").ShouldBe(3);
    }

    [Fact]
    public async Task Expired_lease_is_taken_over_and_a_duplicate_answered_200_is_not_a_second_disclosure()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        Answer(f, 200, "ALREADY-HAVE-IT");
        var receipt = await f.ForwardAsync("ACME", "837", Claim837, "000000060", Ct);

        // Worker A claims and sends, then "crashes" before recording the outcome.
        var a = f.Worker("worker-a");
        var claimed = (await a.ClaimAsync(10, Ct)).Single();
        var channel = f.Services.GetRequiredService<PayerChannel>();
        var payer = f.Services.GetRequiredService<PayerRegistry>().Find("ACME")!;
        (await channel.DeliverAsync(payer, claimed.IdempotencyKey, "837", "application/edi-x12", System.Text.Encoding.ASCII.GetBytes(Claim837), Ct))
            .Status.ShouldBe(PayerDeliveryStatus.Delivered);
        (await f.Worker("worker-b").RunOnceAsync(Ct)).ShouldBe(0, "the lease still holds");

        f.Time.Advance(TimeSpan.FromMinutes(2));
        (await f.Worker("worker-b").RunOnceAsync(Ct)).ShouldBe(1);

        f.Payer.LogEntries.Select(e => e.RequestMessage!.Headers!["Idempotency-Key"].Single()).ShouldBe([receipt.IdempotencyKey, receipt.IdempotencyKey]);
        var again = await f.ForwardAsync("ACME", "837", Claim837, "000000060", Ct);
        again.AlreadyRecorded.ShouldBeTrue();
        again.DisclosureSequence.ShouldBe(receipt.DisclosureSequence);
        var entries = await f.EntriesAsync(Ct);
        entries.Count(e => e.Kind == DisclosureEntryKind.Disclosure).ShouldBe(1);
        entries.Count(e => e.Kind == DisclosureEntryKind.DeliveryOutcome).ShouldBe(1);

        // Worker A wakes up and tries to record: the item is closed, so no second outcome.
        await a.DeliverAsync(claimed, Ct);
        (await f.EntriesAsync(Ct)).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_batch_records_every_outcome_once_even_when_another_worker_closed_one_of_its_items(DatabaseProvider provider)
    {
        await using var f = await ForwardingFixture.CreateAsync(provider, Ct);
        Answer(f, 200, "OK");
        var receipts = new List<ForwardingReceipt>();
        for (var n = 0; n < 3; n++)
        {
            receipts.Add(await f.ForwardAsync("ACME", "837", Claim837 + n, $"00000008{n}", Ct));
        }

        // Worker A claims all three; before it records anything, worker B delivers and closes the middle one.
        var a = f.Worker("worker-a");
        var claimed = await a.ClaimAsync(10, Ct);
        claimed.Count.ShouldBe(3);
        await f.Worker("worker-b").DeliverAsync(claimed[1], Ct);
        (await f.EntriesAsync(Ct)).Count(e => e.Kind == DisclosureEntryKind.DeliveryOutcome).ShouldBe(1);

        await a.DeliverAsync(claimed, Ct);

        var entries = await f.EntriesAsync(Ct);
        var outcomes = entries.Where(e => e.Kind == DisclosureEntryKind.DeliveryOutcome).ToList();
        outcomes.Select(e => e.RefersToSequence).Order().ShouldBe(receipts.Select(r => (long?)r.DisclosureSequence).Order(),
            "each disclosure has exactly one outcome: the batch did not record a second one for the item B closed");
        outcomes.ShouldAllBe(e => e.Outcome == "Delivered");
        (await f.OutboxAsync(Ct)).ShouldAllBe(i => i.Status == OutboxStatus.Delivered && i.LeaseToken == null);
        (await f.Worker("worker-c").RunOnceAsync(Ct)).ShouldBe(0, "nothing is left to deliver");
    }

    [Fact]
    public async Task A_batch_of_deliveries_is_recorded_together_after_the_last_send()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        Answer(f, 200, "OK");
        for (var n = 0; n < 4; n++)
        {
            await f.ForwardAsync("ACME", "837", Claim837 + n, $"00000009{n}", Ct);
        }

        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(4);

        f.Payer.LogEntries.Count().ShouldBe(4);
        var entries = await f.EntriesAsync(Ct);
        var outcomes = entries.Where(e => e.Kind == DisclosureEntryKind.DeliveryOutcome).ToList();
        outcomes.Count.ShouldBe(4);
        outcomes.Select(e => e.Sequence).ShouldBe(Enumerable.Range(4, 4).Select(i => (long)i), "appended together, after the four disclosures");
        outcomes.Select(e => e.RecordedAt).Distinct().Count().ShouldBe(1, "one append: one timestamp for the batch");
    }

    [Fact]
    public async Task A_large_batchs_outcomes_are_recorded_in_transactions_of_sixteen_so_no_one_holds_the_writer_long()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        Answer(f, 200, "OK");
        for (var n = 0; n < 20; n++)
        {
            await f.ForwardAsync("ACME", "837", Claim837 + n, $"0000001{n:00}", Ct);
        }

        // Every reading of the clock moves it on: one transaction stamps its entries with one reading.
        f.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(20);

        var outcomes = (await f.EntriesAsync(Ct)).Where(e => e.Kind == DisclosureEntryKind.DeliveryOutcome).ToList();
        outcomes.Count.ShouldBe(20);
        outcomes.GroupBy(e => e.RecordedAt).Select(g => g.Count()).ShouldBe([16, 4]);
        (await f.OutboxAsync(Ct)).ShouldAllBe(i => i.Status == OutboxStatus.Delivered);
    }

    [Fact]
    public async Task Payer_that_does_not_accept_275_is_refused_before_anything_is_recorded_or_sent()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        f.Payer.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));

        var refusal = await Should.ThrowAsync<PayerRefusedException>(() => f.ForwardAsync("CLAIMSONLY", "275", "BIN*...", "ACN-77", Ct));

        refusal.Message.ShouldContain("does not accept 275");
        (await f.EntriesAsync(Ct)).ShouldBeEmpty();
        (await f.OutboxAsync(Ct)).ShouldBeEmpty();
        f.Payer.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rejection_is_recorded_as_failed_and_not_retried()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        Answer(f, 422, "bad ISA");
        await f.ForwardAsync("ACME", "837", Claim837, "000000070", Ct);

        await f.Worker().RunOnceAsync(Ct);

        f.Payer.LogEntries.Count().ShouldBe(1);
        (await f.OutboxAsync(Ct)).Single().Status.ShouldBe(OutboxStatus.Failed);
        (await f.EntriesAsync(Ct)).Last().Outcome.ShouldBe("Failed");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Competing_workers_claim_disjoint_items(DatabaseProvider provider)
    {
        await using var f = await ForwardingFixture.CreateAsync(provider, Ct);
        for (var i = 0; i < 10; i++)
        {
            await f.ForwardAsync("ACME", "837", Claim837 + i, $"00000008{i}", Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => f.Worker($"w{w}").ClaimAsync(4, Ct), Ct)));

        var ids = claims.SelectMany(c => c.Select(i => i.Id)).ToList();
        ids.Count.ShouldBe(10);
        ids.Distinct().Count().ShouldBe(10, "no item is leased twice");
    }

    [Fact]
    public void Plain_http_endpoint_is_refused_unless_the_test_override_is_set()
    {
        var services = new ServiceCollection();
        services.AddForwarding(r => r.Payers.Add(new PayerOptions
        {
            Id = "P", Name = "Plain", Address = "Somewhere", Endpoint = "http://payer.example/claims", TransactionTypes = ["837"],
        }));
        using var provider = services.BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PayerRegistryOptions>>().Value);
        error.Message.ShouldContain("must use https");
    }

    [Fact]
    public async Task Crash_inside_the_transaction_leaves_neither_entry_nor_outbox_item()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var ledger = f.Services.GetRequiredService<DisclosureLedger>();
        var draft = ledger.Draft(Disclosures.LedgerFixture.Record(1));

        await using (var db = f.Database.Factory.CreateDbContext())
        {
            await Should.ThrowAsync<IOException>(() => ledger.AppendAsync(db, [draft], (entries, _) =>
            {
                db.OutboxItems.Add(new OutboxItem { DisclosureSequence = entries[0].Sequence, PayerId = "ACME", IdempotencyKey = "k", PayloadReference = "r" });
                throw new IOException("process died here");
            }, Ct));
        }

        (await f.EntriesAsync(Ct)).ShouldBeEmpty();
        (await f.OutboxAsync(Ct)).ShouldBeEmpty();
        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Breaker_is_per_payer_even_on_the_same_host()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        Answer(f, 503);
        f.Payer.Given(Request.Create().WithPath("/claims-only").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("FINE"));
        await f.ForwardAsync("ACME", "837", Claim837 + "1", "000000101", Ct);
        await f.ForwardAsync("ACME", "837", Claim837 + "2", "000000102", Ct);
        await f.ForwardAsync("CLAIMSONLY", "837", Claim837 + "3", "000000103", Ct);

        await f.Worker().RunOnceAsync(Ct);

        var items = await f.OutboxAsync(Ct);
        items.Where(i => i.PayerId == "ACME").ShouldAllBe(i => i.Status == OutboxStatus.Pending);
        items.ShouldContain(i => i.PayerId == "ACME" && i.LastError!.Contains("Circuit open", StringComparison.Ordinal));
        items.Single(i => i.PayerId == "CLAIMSONLY").Status.ShouldBe(OutboxStatus.Delivered);
    }

    [Fact]
    public void Forwarding_options_refuse_a_sampling_window_shorter_than_two_attempts()
    {
        var result = new ForwardingOptionsValidator().Validate(null, new ForwardingOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(40), BreakSamplingDuration = TimeSpan.FromSeconds(60),
        });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("BreakSamplingDuration");
    }

    [Fact]
    public async Task Outbox_item_without_a_ledger_entry_is_never_sent()
    {
        await using var f = await ForwardingFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        Answer(f, 200);
        var reference = await f.Payloads.StoreAsync(System.Text.Encoding.ASCII.GetBytes(Claim837), Ct);
        await using (var db = f.Database.Factory.CreateDbContext())
        {
            db.OutboxItems.Add(new OutboxItem
            {
                DisclosureSequence = 0, PayerId = "ACME", TransactionType = "837", IdempotencyKey = "smuggled", PayloadReference = reference,
                ContentType = "application/edi-x12", PayloadSize = Claim837.Length, Status = OutboxStatus.Pending,
            });
            await db.SaveChangesAsync(Ct);
        }

        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(1);

        f.Payer.LogEntries.ShouldBeEmpty();
        var item = (await f.OutboxAsync(Ct)).Single();
        item.Status.ShouldBe(OutboxStatus.Abandoned);
        item.LastError!.ShouldContain("not sent");
    }
}
