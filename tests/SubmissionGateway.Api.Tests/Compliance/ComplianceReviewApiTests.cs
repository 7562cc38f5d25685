using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Tests.Compliance;

public sealed class ComplianceReviewApiTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var client = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var response = await client.PostAsync(new Uri("/submissions", UriKind.Relative), content, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_incident_is_appended_against_the_disclosure_which_stays_as_it_was()
    {
        var before = await EntriesAsync();
        var disclosure = before.First(e => e.Kind == DisclosureEntryKind.Disclosure);
        using var client = Client(_factory.Token("compliance", subject: "privacy-officer"));

        using var response = await client.PostAsJsonAsync(new Uri("/compliance/incidents", UriKind.Relative), Incident(disclosure.Sequence), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("disclosureSequence").GetInt64().ShouldBe(disclosure.Sequence);
        var after = await EntriesAsync();
        // Delivery outcomes may be appended meanwhile by the outbox worker; incidents come only from here.
        after.Count(e => e.Kind == DisclosureEntryKind.Incident).ShouldBe(1);
        var incident = after.Single(e => e.Sequence == body.GetProperty("sequence").GetInt64());
        incident.Kind.ShouldBe(DisclosureEntryKind.Incident);
        incident.RefersToSequence.ShouldBe(disclosure.Sequence);
        incident.Actor.ShouldBe("privacy-officer");
        incident.Detail.ShouldNotBeNull().ShouldContain("LowProbabilityOfCompromise");
        var original = after.Single(e => e.Sequence == disclosure.Sequence);
        original.Description.ShouldBe(disclosure.Description);
        original.LeafHash.ShouldBe(disclosure.LeafHash);
    }

    [Fact]
    public async Task An_incident_without_its_risk_factors_is_a_400_listing_them_and_appends_nothing()
    {
        var before = await IncidentsAsync();
        using var client = Client(_factory.Token("compliance"));
        var incomplete = new
        {
            disclosureSequence = 0,
            finding = "Sent to the wrong plan.",
            riskAssessment = new { natureAndExtent = "One claim.", unauthorizedRecipient = "", acquiredOrViewed = "", mitigation = "Recalled.", conclusion = "Breach" },
        };

        using var response = await client.PostAsJsonAsync(new Uri("/compliance/incidents", UriKind.Relative), incomplete, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("type").GetString().ShouldBe("/problems/incident-incomplete");
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ShouldBe(
            ["riskAssessment.unauthorizedRecipient", "riskAssessment.acquiredOrViewed"]);
        (await IncidentsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_incident_against_an_entry_that_is_not_a_disclosure_is_a_404_and_appends_nothing()
    {
        var before = await IncidentsAsync();
        using var client = Client(_factory.Token("compliance"));

        using var response = await client.PostAsJsonAsync(new Uri("/compliance/incidents", UriKind.Relative), Incident(9999), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString().ShouldBe("/problems/disclosure-not-found");
        (await IncidentsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("coder")]
    [InlineData("submitter")]
    public async Task Only_compliance_records_incidents_or_reads_the_review(string role)
    {
        var before = await IncidentsAsync();
        using var client = Client(_factory.Token(role, role == "submitter" ? Samples.OfficeVisitSubmitter : null));

        using var incident = await client.PostAsJsonAsync(new Uri("/compliance/incidents", UriKind.Relative), Incident(0), Ct);
        using var review = await client.GetAsync(new Uri("/compliance/access-review?from=2000-01-01&to=2100-01-01", UriKind.Relative), Ct);

        incident.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        review.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await IncidentsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_access_review_flags_an_actor_without_a_staff_profile_with_the_events_behind_it()
    {
        using var officer = Client(_factory.Token("compliance", subject: "unlisted-officer"));
        using (var accounting = await officer.GetAsync(
            new Uri("/compliance/accounting?memberId=SGW00012345&birthDate=1980-01-15&from=2000-01-01&to=2100-01-01", UriKind.Relative), Ct))
        {
            accounting.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await officer.GetAsync(new Uri($"/compliance/access-review?from={today}&to={today}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var finding = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("actor").GetString() == "unlisted-officer");
        finding.GetProperty("flag").GetString().ShouldBe("UnknownActor");
        finding.GetProperty("eventIds").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_period_that_ends_on_the_last_day_a_date_can_name_is_answered_not_a_500()
    {
        // Found by JsonAndQueryFuzzTests: the day after 9999-12-31 does not exist, and computing it was a 500.
        using var officer = Client(_factory.Token("compliance", subject: "unlisted-officer"));
        using var accounting = await officer.GetAsync(
            new Uri("/compliance/accounting?memberId=SGW00012345&birthDate=1980-01-15&from=2000-01-01&to=9999-12-31", UriKind.Relative), Ct);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var review = await officer.GetAsync(new Uri($"/compliance/access-review?from={today}&to=9999-12-31", UriKind.Relative), Ct);

        accounting.StatusCode.ShouldBe(HttpStatusCode.OK);
        review.StatusCode.ShouldBe(HttpStatusCode.OK);
        // The period runs to the end of time, so it holds the audit event the accounting call just wrote.
        (await review.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("findings").EnumerateArray()
            .ShouldContain(f => f.GetProperty("actor").GetString() == "unlisted-officer");
    }

    [Fact]
    public async Task An_access_review_period_that_ends_before_it_starts_is_a_400_problem()
    {
        using var client = Client(_factory.Token("compliance"));
        using var response = await client.GetAsync(new Uri("/compliance/access-review?from=2026-02-01&to=2026-01-01", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    private static object Incident(long sequence) => new
    {
        disclosureSequence = sequence,
        finding = "The claim was delivered to the wrong plan's portal.",
        riskAssessment = new
        {
            natureAndExtent = "One claim: name, member id, dates of service, two diagnosis codes.",
            unauthorizedRecipient = "Another covered entity (a health plan), itself bound by HIPAA.",
            acquiredOrViewed = "The plan confirms the file was rejected unopened.",
            mitigation = "The plan attested deletion in writing.",
            conclusion = "LowProbabilityOfCompromise",
        },
    };

    private async Task<int> IncidentsAsync() => (await EntriesAsync()).Count(e => e.Kind == DisclosureEntryKind.Incident);

    private async Task<List<DisclosureEntry>> EntriesAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        return await db.DisclosureEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct);
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
