using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SubmissionGateway.Disclosures;
using Shouldly;
using SubmissionGateway.Telemetry;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SubmissionGateway.Api.Tests.Telemetry;

/// <summary>The gateway's meter, observed through a MeterListener on the real host while the sample 837 goes through.</summary>
public sealed class GatewayMetricsTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _base = new();
    private readonly WireMockServer _payer = WireMockServer.Start();
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _payer.Given(Request.Create().WithPath("/x12").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("accepted"));
        _factory = _base.WithWebHostBuilder(b => b
            .UseSetting("PayerRegistry:Payers:0:Endpoint", _payer.Url + "/x12")
            .UseSetting("Forwarding:PollInterval", "00:00:00.100"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _base.DisposeAsync();
        _payer.Stop();
        _payer.Dispose();
    }

    [Fact]
    public async Task The_sample_837_counts_as_received_and_accepted_and_its_delivery_counts_by_payer_and_outcome()
    {
        using var metrics = new MeterCapture(_factory.Services.GetRequiredService<IMeterFactory>());
        using var response = await PostAsync(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        metrics.Sum("sgw.submissions.received", (GatewayMetrics.TransactionTypeTag, "837")).ShouldBe(1);
        metrics.Sum("sgw.submissions.accepted", (GatewayMetrics.TransactionTypeTag, "837")).ShouldBe(1);
        metrics.Sum("sgw.submissions.rejected").ShouldBe(0);
        // One disclosure per patient: the sample's two claims belong to one patient.
        metrics.Sum("sgw.ledger.entries_appended").ShouldBeGreaterThanOrEqualTo(1);

        await MeterCapture.UntilAsync(() => metrics.Sum("sgw.deliveries") > 0, TimeSpan.FromSeconds(30), Ct);
        metrics.Sum("sgw.deliveries", (GatewayMetrics.PayerTag, "SGWPAYER01"), (GatewayMetrics.OutcomeTag, "delivered")).ShouldBe(1);
        metrics.TagsOf("sgw.deliveries").ShouldAllBe(t => t[GatewayMetrics.OutcomeTag] == "delivered");
    }

    [Fact]
    public async Task A_claim_that_does_not_balance_counts_as_rejected_at_snip_level_3()
    {
        using var metrics = new MeterCapture(_factory.Services.GetRequiredService<IMeterFactory>());
        // CLM02 (total charge) no longer equals the sum of its service lines (100 + 50); its own control number.
        var x12 = (await File.ReadAllTextAsync(Samples.OfficeVisit, Ct))
            .Replace("CLM*SGW-CLAIM-0001*150*", "CLM*SGW-CLAIM-0001*999*", StringComparison.Ordinal)
            .Replace("000000101", "000000777", StringComparison.Ordinal);
        using var response = await PostAsync(Encoding.ASCII.GetBytes(x12));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        metrics.Sum("sgw.submissions.received").ShouldBe(1);
        metrics.Sum("sgw.submissions.accepted").ShouldBe(0);
        metrics.Sum("sgw.submissions.rejected", (GatewayMetrics.TransactionTypeTag, "837"), (GatewayMetrics.SnipLevelTag, "3"), (GatewayMetrics.ReasonTag, "validation"))
            .ShouldBe(1);
        metrics.Sum("sgw.claims.rejected", (GatewayMetrics.SnipLevelTag, "3")).ShouldBe(1);
    }

    [Fact]
    public async Task A_body_that_is_not_x12_counts_as_rejected_without_a_snip_level()
    {
        using var metrics = new MeterCapture(_factory.Services.GetRequiredService<IMeterFactory>());
        using var response = await PostAsync("this is not an interchange"u8.ToArray());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        metrics.Sum("sgw.submissions.rejected", (GatewayMetrics.SnipLevelTag, "none"), (GatewayMetrics.ReasonTag, "unreadable")).ShouldBe(1);
        metrics.Sum("sgw.submissions.accepted").ShouldBe(0);
    }

    [Fact]
    public async Task Each_configured_payer_breaker_is_observed_closed_at_start()
    {
        using var metrics = new MeterCapture(_factory.Services.GetRequiredService<IMeterFactory>());
        metrics.Observe();
        metrics.TagsOf("sgw.payer.breaker_state").ShouldContain(t => t[GatewayMetrics.PayerTag] == "SGWPAYER01");
        metrics.Sum("sgw.payer.breaker_state", (GatewayMetrics.PayerTag, "SGWPAYER01")).ShouldBe(0);
    }

    [Fact]
    public async Task A_submission_is_traced_through_intake_validation_and_the_ledger_in_one_trace()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using var response = await PostAsync(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var submissionId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("submissionId").GetString();

        // The source is static: other hosts in this process trace too, so this submission's trace is picked by its id.
        var submit = spans.Single(a => a.OperationName == "sgw.intake.submit" && (string?)a.GetTagItem("sgw.submission.id") == submissionId);
        var trace = spans.Where(a => a.TraceId == submit.TraceId).Select(a => a.OperationName).ToList();
        trace.ShouldContain("sgw.intake.validate");
        trace.ShouldContain("sgw.ledger.append");
        spans.Where(a => a.TraceId == submit.TraceId).SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? "")
            .ShouldNotContain(v => v.Contains("TESTPATIENT", StringComparison.Ordinal) || v.Contains("SGW00012345", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ledger_lag_counts_undelivered_items_and_entries_no_signed_head_covers_yet()
    {
        // A worker that polls once an hour leaves the delivery waiting in the outbox; no head is signed on its own.
        await using var idle = _base.WithWebHostBuilder(b => b
            .UseSetting("Forwarding:PollInterval", "01:00:00")
            .UseSetting("Disclosures:TreeHeadInterval", "01:00:00"));
        using var metrics = new MeterCapture(idle.Services.GetRequiredService<IMeterFactory>());
        var sampler = idle.Services.GetServices<IHostedService>().OfType<LedgerLagSampler>().Single();
        using var response = await PostAsync(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct), idle);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var lag = await sampler.SampleAsync(Ct);

        lag.PendingItems.ShouldBe(1);
        lag.OldestPendingAge.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
        lag.LedgerSize.ShouldBe(1);
        lag.UnsignedEntries.ShouldBe(1);
        metrics.Observe();
        metrics.Sum("sgw.outbox.pending").ShouldBe(1);
        metrics.Sum("sgw.ledger.unsigned_entries").ShouldBe(1);

        (await idle.Services.GetRequiredService<TreeHeadPublisher>().PublishAsync(Ct)).ShouldNotBeNull().TreeSize.ShouldBe(1);
        (await sampler.SampleAsync(Ct)).UnsignedEntries.ShouldBe(0);
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body) => PostAsync(body, _factory);

    private async Task<HttpResponseMessage> PostAsync(byte[] body, WebApplicationFactory<Program> factory)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _base.Token("submitter", Samples.OfficeVisitSubmitter));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        return await client.PostAsync(new Uri("/submissions", UriKind.Relative), content, Ct);
    }
}
