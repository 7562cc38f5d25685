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

public sealed class ComplianceApiTests : IAsyncLifetime
{
    // The sample's subscriber (invented): NM1*IL ... MI*SGW00012345, DMG*D8*19800115.
    private const string Accounting = "/compliance/accounting?memberId=SGW00012345&birthDate=1980-01-15&from=2000-01-01&to=2100-01-01";

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
    public async Task The_accounting_lists_the_disclosure_to_the_payer_and_is_itself_audited()
    {
        using var client = Client(_factory.Token("compliance"));
        using var response = await client.GetAsync(new Uri(Accounting, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync(Ct);
        text.ShouldContain("SGWPAYER01");
        text.ShouldContain("Sandbox Health Plan");
        JsonDocument.Parse(text);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        (await db.AccessAuditEvents.CountAsync(e => e.ResourceType == "disclosure-accounting" && e.Actor == "test-compliance", Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task The_accounting_comes_as_csv_on_request()
    {
        using var client = Client(_factory.Token("compliance"));
        using var response = await client.GetAsync(new Uri(Accounting + "&format=csv", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("sequence,");
        lines.Length.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Another_patient_has_nothing_disclosed()
    {
        using var client = Client(_factory.Token("compliance"));
        using var response = await client.GetAsync(new Uri(Accounting.Replace("SGW00012345", "SGW99999999", StringComparison.Ordinal), UriKind.Relative), Ct);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("SGWPAYER01");
    }

    [Fact]
    public async Task An_incomplete_query_is_a_400_problem()
    {
        using var client = Client(_factory.Token("compliance"));
        using var response = await client.GetAsync(new Uri("/compliance/accounting?memberId=SGW00012345", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("submitter")]
    [InlineData("coder")]
    public async Task Other_roles_cannot_read_the_accounting(string role)
    {
        using var client = Client(_factory.Token(role, role == "submitter" ? Samples.OfficeVisitSubmitter : null));
        using var response = await client.GetAsync(new Uri(Accounting, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_ledger_verifies_intact_and_a_tampered_entry_is_found()
    {
        using var client = Client(_factory.Token("compliance"));
        using (var intact = await client.PostAsync(new Uri("/compliance/ledger/verify", UriKind.Relative), null, Ct))
        {
            intact.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await intact.Content.ReadFromJsonAsync<JsonElement>(Ct);
            body.GetProperty("isIntact").GetBoolean().ShouldBeTrue(body.ToString());
            body.GetProperty("entriesChecked").GetInt64().ShouldBeGreaterThan(0);
        }

        // Sign a head now rather than wait for the publishing interval: only a signed head makes a rewrite detectable.
        (await _factory.Services.GetRequiredService<TreeHeadPublisher>().PublishAsync(Ct)).ShouldNotBeNull();
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct))
        {
            // As an intruder with owner rights could: drop the append-only trigger, then rewrite a row.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER disclosure_entries_no_update;", Ct);
            (await db.Database.ExecuteSqlRawAsync("""UPDATE disclosure_entries SET "Description" = 'rewritten' WHERE "Sequence" = 0""", Ct)).ShouldBe(1);
        }

        using var broken = await client.PostAsync(new Uri("/compliance/ledger/verify", UriKind.Relative), null, Ct);
        var check = await broken.Content.ReadFromJsonAsync<JsonElement>(Ct);
        check.GetProperty("isIntact").GetBoolean().ShouldBeFalse();
        check.GetProperty("firstBadSequence").GetInt64().ShouldBe(0);
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
