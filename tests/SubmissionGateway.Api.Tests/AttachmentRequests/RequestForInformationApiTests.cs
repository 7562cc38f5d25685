using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Api.Tests.Attachments;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Tests.AttachmentRequests;

public sealed class RequestForInformationApiTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The payer asks for LOINC 11506-3 about claim SGW-CLAIM-0001 (tracking number SGW-CLAIM-0001), addressed to SGWDEMOBILLING.</summary>
    private static string Rfai => File.ReadAllText(Samples.Corpus("277RFAI/valid-request-for-operative-note.x12"), Encoding.Latin1);

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
    public async Task A_277rfai_opens_an_unassigned_request_a_supervisor_assigns_and_a_solicited_275_answers()
    {
        using var response = await PostAsync(Rfai);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var request = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray().Single();
        var id = request.GetProperty("id").GetString()!;
        request.GetProperty("claimId").GetString().ShouldBe("SGW-CLAIM-0001");
        request.GetProperty("payerRequestNumber").GetString().ShouldBe("SGW-CLAIM-0001");
        request.GetProperty("purpose").GetString().ShouldBe("PayerRequest");
        request.GetProperty("assignedCoder").GetString().ShouldBe("");
        request.GetProperty("documentTypes").GetProperty("11506-3").GetInt32().ShouldBe(1);
        request.GetProperty("serviceDateFrom").GetString().ShouldBe("2026-11-10");

        using var coder = Client(_factory.Token("coder", subject: "coder-a"));
        (await ListAsync(coder, "/attachment-requests")).ShouldBeEmpty();
        using var admin = Client(_factory.Token("admin", subject: "supervisor"));
        (await ListAsync(admin, "/attachment-requests/unassigned")).Select(r => r.GetProperty("id").GetString()).ShouldBe([id]);

        using (var assign = await admin.PostAsJsonAsync(new Uri($"/attachment-requests/{id}/assign", UriKind.Relative), new { coder = "coder-a" }, Ct))
        {
            assign.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await ListAsync(admin, "/attachment-requests/unassigned")).ShouldBeEmpty();
        (await ListAsync(coder, "/attachment-requests?status=open")).Select(r => r.GetProperty("id").GetString()).ShouldBe([id]);
        (await ListAsync(coder, "/attachment-requests?status=submitted")).ShouldBeEmpty();
        using var otherCoder = Client(_factory.Token("coder", subject: "coder-b"));
        (await ListAsync(otherCoder, "/attachment-requests")).ShouldBeEmpty();

        var answer = Synthetic275.Solicited("SGW-CLAIM-0001").With(("STC*R4:18842-5::LOI", "STC*R4:11506-3::LOI"));
        using var submitter = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(answer));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var posted = await submitter.PostAsync(new Uri("/attachments", UriKind.Relative), content, Ct);
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync(Ct));
        (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("requestId").GetString().ShouldBe(id);
        (await ListAsync(coder, "/attachment-requests?status=submitted")).Select(r => r.GetProperty("id").GetString()).ShouldBe([id]);
    }

    [Fact]
    public async Task The_same_277rfai_posted_twice_opens_one_request()
    {
        using var first = await PostAsync(Rfai);
        using var second = await PostAsync(Rfai);

        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        var a = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("id").GetString();
        var b = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("id").GetString();
        b.ShouldBe(a);
        (await RequestCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_payer_rule_assigns_the_request_to_its_coder()
    {
        await using var ruled = _factory.WithWebHostBuilder(b => b.UseSetting("AttachmentRequests:AssignCoderByPayer:SGWPAYER01", "coder-a"));
        using var client = ruled.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(Rfai));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");

        using var response = await client.PostAsync(new Uri("/attachment-requests/from-277rfai", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("assignedCoder").GetString().ShouldBe("coder-a");
    }

    [Theory]
    [InlineData("TRN*2*SGW-CLAIM-0001", "TRN*2*SGW-CLAIM-0099")]
    [InlineData("MI*SGW00012345", "MI*SGW00099999")]
    [InlineData("PI*SGWPAYER01", "PI*SGWPAYER02")]
    public async Task A_277rfai_about_a_claim_the_submitter_never_sent_opens_nothing(string from, string to)
    {
        using var response = await PostAsync(Rfai.With((from, to)));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("type").GetString().ShouldBe("/problems/rfai-refused");
        problem.GetProperty("detail").GetString()!.ShouldNotContain("SGW00012345");
        (await RequestCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_277rfai_addressed_to_another_billing_system_opens_nothing()
    {
        using var other = Client(_factory.Token("submitter", "SGWOTHERBILLING"));

        using var response = await PostAsync(Rfai, other);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!.ShouldContain("ISA08");
        (await RequestCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_invalid_277rfai_opens_nothing()
    {
        using var response = await PostAsync(File.ReadAllText(Samples.Corpus("277RFAI/bad-missing-service-date.x12"), Encoding.Latin1));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RequestCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("coder")]
    [InlineData("compliance")]
    public async Task Only_submitters_post_a_277rfai(string role)
    {
        using var client = Client(_factory.Token(role));

        using var response = await PostAsync(Rfai, client);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await RequestCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Coders_cannot_see_the_unassigned_queue_or_assign()
    {
        using var coder = Client(_factory.Token("coder"));
        using var list = await coder.GetAsync(new Uri("/attachment-requests/unassigned", UriKind.Relative), Ct);
        using var assign = await coder.PostAsJsonAsync(new Uri("/attachment-requests/x/assign", UriKind.Relative), new { coder = "test-coder" }, Ct);
        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        assign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<int> RequestCountAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        return await db.AttachmentRequests.CountAsync(Ct);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    private async Task<HttpResponseMessage> PostAsync(string x12, HttpClient? client = null)
    {
        using var owned = client is null ? Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter)) : null;
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(x12));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        return await (client ?? owned!).PostAsync(new Uri("/attachment-requests/from-277rfai", UriKind.Relative), content, Ct);
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
