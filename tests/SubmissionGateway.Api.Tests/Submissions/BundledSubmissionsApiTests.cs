using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shouldly;
using SubmissionGateway.Api.Tests.Attachments;

namespace SubmissionGateway.Api.Tests.Submissions;

/// <summary>An 837 posted with the 275 answering its PWK (claim SGW-CLAIM-0002, PWK06 SGWATT0002) in one multipart body.</summary>
public sealed class BundledSubmissionsApiTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_837_with_the_275_answering_its_pwk_is_submitted_and_the_275_recorded_and_queued()
    {
        using var response = await PostAsync(Synthetic275.Unsolicited);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("submission").GetProperty("claims").GetArrayLength().ShouldBe(2);
        body.GetProperty("submission").GetProperty("acknowledgment999").GetString()!.ShouldContain("AK9*A");
        var attachment = body.GetProperty("attachments").EnumerateArray().Single();
        attachment.GetProperty("claimId").GetString().ShouldBe("SGW-CLAIM-0002");
        attachment.GetProperty("acknowledgment999").GetString()!.ShouldContain("AK9*A");
        var (submissions, outbox) = await _factory.CountsAsync(Ct);
        submissions.ShouldBe(1);
        outbox.ShouldBe(2); // the 837 to its payer, and the 275
    }

    [Theory]
    [InlineData("MI*SGW00012345", "MI*SGW00099999", "attachments[1].patient.memberId")]
    [InlineData("TRN*1*SGWATT0002", "TRN*1*SGWATT0009", "attachments[1].attachmentControlNumber")]
    [InlineData("DTP*472*D8*20261112", "DTP*472*D8*20261110", "attachments[1].serviceDate")]
    [InlineData("TRN*1*SGWATT0002", "TRN*2*SGWATT0002", "attachments[1]")]
    public async Task A_275_disagreeing_with_the_837_refuses_the_whole_post_and_nothing_is_kept(string from, string to, string field)
    {
        using var response = await PostAsync(Synthetic275.Unsolicited.With((from, to)));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync(Ct));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("type").GetString().ShouldBe("/problems/attachment-mismatch");
        problem.GetProperty("mismatches").EnumerateArray().Select(m => m.GetProperty("field").GetString()).ShouldBe([field]);
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_bundle_under_another_submitters_id_is_a_403_and_nothing_is_kept()
    {
        using var response = await PostAsync(Synthetic275.Unsolicited, Client(_factory.Token("submitter", "SGWOTHERBILLING")));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_first_part_that_is_not_x12_is_a_400_and_nothing_is_kept()
    {
        using var response = await PostAsync(Synthetic275.Unsolicited, claims837: Encoding.Latin1.GetBytes("%PDF-1.4 not claims"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString().ShouldBe("/problems/not-x12");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(0);
    }

    private async Task<HttpResponseMessage> PostAsync(string attachment, HttpClient? client = null, byte[]? claims837 = null)
    {
        using var owned = client is null ? Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter)) : null;
        using var form = new MultipartFormDataContent();
        var claims = new ByteArrayContent(claims837 ?? await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        claims.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        form.Add(claims, "claims", "claims.x12");
        var part = new ByteArrayContent(Encoding.Latin1.GetBytes(attachment));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        form.Add(part, "attachment", "attachment.x12");
        using (client)
        {
            return await (client ?? owned!).PostAsync(new Uri("/submissions", UriKind.Relative), form, Ct);
        }
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
