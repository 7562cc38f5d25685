using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Tests.Attachments;

public sealed class AttachmentsApiTests : IAsyncLifetime
{
    private const string RequestNumber = "RFAI-0001";

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
    public async Task An_unsolicited_275_matching_its_claims_pwk_is_recorded_and_queued_with_a_999()
    {
        var before = await SnapshotAsync();

        using var response = await PostAsync(Synthetic275.Unsolicited);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("claimId").GetString().ShouldBe("SGW-CLAIM-0002");
        body.GetProperty("payerId").GetString().ShouldBe("SGWPAYER01");
        body.GetProperty("solicited").GetBoolean().ShouldBeFalse();
        body.GetProperty("replayed").GetBoolean().ShouldBeFalse();
        body.GetProperty("acknowledgment999").GetString()!.ShouldContain("AK9*A*1*1*1");
        var document = body.GetProperty("documents").EnumerateArray().Single();
        document.GetProperty("loincCode").GetString().ShouldBe("18842-5");
        document.GetProperty("size").GetInt64().ShouldBe(117);

        var after = await SnapshotAsync();
        after.Payloads.ShouldBe(before.Payloads + 1);
        after.Outbox.ShouldBe(before.Outbox + 1);
        after.Disclosures.ShouldBe(before.Disclosures + 1);
        var entry = await LedgerEntryAsync(body.GetProperty("ledgerSequence").GetInt64());
        entry.TransactionType.ShouldBe("275");
        entry.Purpose.ShouldBe(DisclosurePurpose.Payment);
        entry.Description.ShouldContain("SGW-CLAIM-0002");
        entry.Description.ShouldContain("18842-5");
    }

    [Fact]
    public async Task The_same_275_posted_twice_is_answered_from_the_first_and_discloses_nothing_again()
    {
        using var first = await PostAsync(Synthetic275.Unsolicited);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var before = await SnapshotAsync();

        using var again = await PostAsync(Synthetic275.Unsolicited);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("replayed").GetBoolean().ShouldBeTrue();
        body.GetProperty("ledgerSequence").GetInt64().ShouldBe(firstBody.GetProperty("ledgerSequence").GetInt64());
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("TRN*1*SGWATT0002", "TRN*1*SGWATT0009", "attachmentControlNumber")]
    [InlineData("MI*SGW00012345", "MI*SGW00099999", "patient.memberId")]
    [InlineData("NM1*QC*1*TESTPATIENT*JANE", "NM1*QC*1*OTHERPATIENT*JANE", "patient.name")]
    [InlineData("NM1*QC*1*TESTPATIENT*JANE", "NM1*QC*1*TESTPATIENT*JOHN", "patient.name")]
    [InlineData("REF*EJ*SGW-CLAIM-0002", "REF*EJ*SGW-CLAIM-0001", "claimId")]
    [InlineData("DTP*472*D8*20261112", "DTP*472*D8*20261113", "serviceDate")]
    [InlineData("PI*SGWPAYER01", "PI*SGWPAYER02", "payerId")]
    public async Task An_unsolicited_275_that_disagrees_with_the_claim_is_refused_naming_the_field_and_nothing_is_kept(string from, string to, string field)
    {
        var before = await SnapshotAsync();

        using var response = await PostAsync(Synthetic275.Unsolicited.With((from, to)));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("type").GetString().ShouldBe("/problems/attachment-mismatch");
        problem.GetProperty("mismatches").EnumerateArray().Select(m => m.GetProperty("field").GetString()).ShouldBe([field]);
        problem.GetProperty("acknowledgment999").GetString()!.ShouldContain("AK9*A");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Every_disagreeing_field_is_listed_and_no_held_value_is_repeated()
    {
        var before = await SnapshotAsync();

        using var response = await PostAsync(Synthetic275.Unsolicited.With(
            ("MI*SGW00012345", "MI*SGW00099999"), ("DTP*472*D8*20261112", "DTP*472*D8*20261001"), ("REF*EJ*SGW-CLAIM-0002", "REF*EJ*SGW-CLAIM-0009")));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("mismatches").EnumerateArray().Select(m => m.GetProperty("field").GetString()).ShouldBe(["claimId", "patient.memberId", "serviceDate"]);
        text.ShouldNotContain("SGW00012345");
        text.ShouldNotContain("SGW-CLAIM-0002");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Another_submitters_pwk_is_answered_as_unknown_and_nothing_is_kept()
    {
        var before = await SnapshotAsync();
        using var other = Client(_factory.Token("submitter", "SGWOTHERBILLING"));

        using var response = await PostAsync(Synthetic275.Unsolicited.With(
            ("*ZZ*SGWDEMOBILLING *", "*ZZ*SGWOTHERBILLING*"), ("GS*PI*SGWDEMOBILLING", "GS*PI*SGWOTHERBILLING")), other);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync(Ct));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("mismatches")[0].GetProperty("field").GetString().ShouldBe("attachmentControlNumber");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_275_our_engine_rejects_is_a_422_with_the_errors_and_the_999_and_nothing_is_kept()
    {
        var before = await SnapshotAsync();

        using var response = await PostAsync(File.ReadAllText(Samples.Corpus("275/bad-loinc-check-digit.x12"), Encoding.Latin1));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("type").GetString().ShouldBe("/problems/x12-rejected");
        problem.GetProperty("errors").EnumerateArray().ShouldContain(e => e.GetString()!.StartsWith("STC", StringComparison.Ordinal));
        problem.GetProperty("acknowledgment999").GetString()!.ShouldContain("AK9*R");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_837_posted_as_an_attachment_is_refused_and_nothing_is_kept()
    {
        var before = await SnapshotAsync();

        using var response = await PostAsync(File.ReadAllText(Samples.OfficeVisit, Encoding.Latin1));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString().ShouldBe("/problems/not-a-275");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_275_sent_under_another_submitters_id_is_a_403_and_nothing_is_kept()
    {
        var before = await SnapshotAsync();
        using var other = Client(_factory.Token("submitter", "SGWOTHERBILLING"));

        using var response = await PostAsync(Synthetic275.Unsolicited, other);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString().ShouldBe("/problems/submitter-mismatch");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_body_that_is_not_x12_is_a_400_and_nothing_is_kept()
    {
        var before = await SnapshotAsync();

        using var response = await PostAsync("%PDF-1.4 not an interchange");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString().ShouldBe("/problems/not-x12");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("coder")]
    [InlineData("compliance")]
    public async Task Only_submitters_post_attachments(string role)
    {
        var before = await SnapshotAsync();
        using var client = Client(_factory.Token(role));

        using var response = await PostAsync(Synthetic275.Unsolicited, client);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_solicited_275_answering_an_open_request_is_recorded_and_closes_the_request()
    {
        var requestId = await OpenRequestAsync();
        var before = await SnapshotAsync();

        using var response = await PostAsync(Synthetic275.Solicited(RequestNumber));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("solicited").GetBoolean().ShouldBeTrue();
        body.GetProperty("requestId").GetString().ShouldBe(requestId);
        var after = await SnapshotAsync();
        after.Outbox.ShouldBe(before.Outbox + 1);
        after.Disclosures.ShouldBe(before.Disclosures + 1);
        (await LedgerEntryAsync(body.GetProperty("ledgerSequence").GetInt64())).Purpose.ShouldBe(DisclosurePurpose.Appeal);
        (await RequestAsync(requestId)).State.ShouldBe(AttachmentRequestState.Submitted);

        // Answered once: a different 275 for the same request now finds it closed.
        using var again = await PostAsync(Synthetic275.Solicited(RequestNumber).With(("DTP*368*D8*20261121", "DTP*368*D8*20261122")));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString().ShouldBe("/problems/request-not-open");
        (await SnapshotAsync()).ShouldBe(after);
    }

    [Theory]
    [InlineData("TRN*2*" + RequestNumber, "TRN*2*RFAI-9999", "payerRequestNumber")]
    [InlineData("STC*R4:18842-5::LOI", "STC*R4:11506-3::LOI", "documents[1].loinc")]
    [InlineData("MI*SGW00012345", "MI*SGW00099999", "patient.memberId")]
    [InlineData("DTP*472*D8*20261110", "DTP*472*D8*20261112", "serviceDate")]
    [InlineData("REF*EJ*SGW-CLAIM-0001", "REF*EJ*SGW-CLAIM-0002", "claimId")]
    public async Task A_solicited_275_outside_its_request_is_refused_naming_the_field_and_nothing_is_kept(string from, string to, string field)
    {
        var requestId = await OpenRequestAsync();
        var before = await SnapshotAsync();

        using var response = await PostAsync(Synthetic275.Solicited(RequestNumber).With((from, to)));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync(Ct));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("mismatches").EnumerateArray().Select(m => m.GetProperty("field").GetString()).ShouldBe([field]);
        (await SnapshotAsync()).ShouldBe(before);
        (await RequestAsync(requestId)).State.ShouldBe(AttachmentRequestState.Open);
    }

    [Fact]
    public async Task A_solicited_275_larger_than_the_request_allows_is_refused_and_nothing_is_kept()
    {
        var requestId = await OpenRequestAsync();
        await using (var db = await Databases.CreateDbContextAsync(Ct))
        {
            await db.AttachmentRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s.SetProperty(r => r.MaxDocumentBytes, 100), Ct);
        }

        var before = await SnapshotAsync();

        using var response = await PostAsync(Synthetic275.Solicited(RequestNumber));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("mismatches").EnumerateArray().Select(m => m.GetProperty("field").GetString()).ShouldBe(["documents[1].size"]);
        (await SnapshotAsync()).ShouldBe(before);
    }

    private async Task<string> OpenRequestAsync()
    {
        using var coder = Client(_factory.Token("coder"));
        using var response = await coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), new
        {
            payerId = "SGWPAYER01",
            claimId = "SGW-CLAIM-0001",
            patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
            serviceDateFrom = "2026-11-10",
            serviceDateTo = "2026-11-10",
            purpose = "Appeal",
            documentTypes = new Dictionary<string, int> { ["18842-5"] = 1 },
            payerRequestNumber = RequestNumber,
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private IDbContextFactory<GatewayDbContext> Databases => _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();

    private async Task<AttachmentRequest> RequestAsync(string id)
    {
        await using var db = await Databases.CreateDbContextAsync(Ct);
        return await db.AttachmentRequests.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
    }

    private async Task<DisclosureEntry> LedgerEntryAsync(long sequence)
    {
        await using var db = await Databases.CreateDbContextAsync(Ct);
        return await db.DisclosureEntries.AsNoTracking().SingleAsync(e => e.Sequence == sequence, Ct);
    }

    /// <summary>What a refusal must leave as it was: stored payloads, queued deliveries, disclosure entries.</summary>
    private async Task<(int Payloads, int Outbox, int Disclosures)> SnapshotAsync()
    {
        await using var db = await Databases.CreateDbContextAsync(Ct);
        return (await _factory.StoredPayloadsAsync(Ct), await db.OutboxItems.CountAsync(Ct),
            await db.DisclosureEntries.CountAsync(e => e.Kind == DisclosureEntryKind.Disclosure, Ct));
    }

    private async Task<HttpResponseMessage> PostAsync(string x12, HttpClient? client = null)
    {
        using var owned = client is null ? Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter)) : null;
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(x12));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        return await (client ?? owned!).PostAsync(new Uri("/attachments", UriKind.Relative), content, Ct);
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
