using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Submissions;

public sealed class SubmissionsApiTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Posting_the_sample_answers_with_its_claims_and_queues_one_delivery()
    {
        using var client = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var response = await PostAsync(client, await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct), "key-1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(response);
        body.GetProperty("submissionId").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("replayed").GetBoolean().ShouldBeFalse();
        var claims = body.GetProperty("claims").EnumerateArray().ToList();
        claims.Select(c => c.GetProperty("claimId").GetString()).ShouldBe(["SGW-CLAIM-0001", "SGW-CLAIM-0002"]);
        claims.ShouldAllBe(c => c.GetProperty("accepted").GetBoolean() && c.GetProperty("forwarded").GetBoolean());
        claims.ShouldAllBe(c => c.GetProperty("deliveryStatus").GetString() == "Queued");
        body.GetProperty("acknowledgment999").GetString()!.ShouldStartWith("ISA*");
        body.GetProperty("acknowledgment999").GetString()!.ShouldContain("ST*999*");
        body.GetProperty("claimAcknowledgment277CA").GetString()!.ShouldContain("ST*277*");
        (await _factory.CountsAsync(Ct)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task The_same_idempotency_key_gets_the_same_answer_and_stores_nothing_new()
    {
        using var client = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        var x12 = await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct);
        using var first = await PostAsync(client, x12, "key-2");
        using var second = await PostAsync(client, x12, "key-2");

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = await JsonAsync(first);
        var b = await JsonAsync(second);
        b.GetProperty("submissionId").GetString().ShouldBe(a.GetProperty("submissionId").GetString());
        b.GetProperty("acknowledgment999").GetString().ShouldBe(a.GetProperty("acknowledgment999").GetString());
        b.GetProperty("replayed").GetBoolean().ShouldBeTrue();
        (await _factory.CountsAsync(Ct)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task A_token_for_another_submitter_is_403_and_nothing_is_stored()
    {
        using var client = Client(_factory.Token("submitter", "SOMEONEELSE"));
        using var response = await PostAsync(client, await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct), "key-3");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await JsonAsync(response)).GetProperty("type").GetString().ShouldBe("/problems/submitter-mismatch");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
        Directory.EnumerateFiles(_factory.DataFolder, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains("attachments", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task No_token_is_a_401_problem()
    {
        using var client = _factory.CreateClient();
        using var response = await PostAsync(client, await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct), null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await JsonAsync(response)).GetProperty("status").GetInt32().ShouldBe(401);
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task A_coder_token_cannot_submit()
    {
        using var client = Client(_factory.Token("coder"));
        using var response = await PostAsync(client, await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct), null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        using var client = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter, DateTime.UtcNow.AddMinutes(-5)));
        using var response = await PostAsync(client, await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct), null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_garbage_body_is_a_400_problem_without_a_stack_trace()
    {
        var stored = await _factory.StoredPayloadsAsync(Ct);
        using var client = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var response = await PostAsync(client, "this is not an interchange at all"u8.ToArray(), null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var text = await response.Content.ReadAsStringAsync(Ct);
        JsonDocument.Parse(text).RootElement.GetProperty("type").GetString().ShouldBe("/problems/not-x12");
        text.ShouldNotContain(" at SubmissionGateway");
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(stored, "a refused body leaves nothing in the store");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var stored = await _factory.StoredPayloadsAsync(Ct);
        using var client = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var response = await PostAsync(client, new byte[70_000], null);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(stored, "a refused body leaves nothing in the store");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_problem()
    {
        var stored = await _factory.StoredPayloadsAsync(Ct);
        using var client = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var content = new StreamContent(new MemoryStream(new byte[70_000]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/submissions", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(stored, "a refused body leaves nothing in the store");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task The_submitter_reads_its_submission_and_no_one_else_can()
    {
        using var owner = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var posted = await PostAsync(owner, await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct), "key-4");
        var id = (await JsonAsync(posted)).GetProperty("submissionId").GetString();

        using var mine = await owner.GetAsync(new Uri($"/submissions/{id}", UriKind.Relative), Ct);
        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(mine);
        body.GetProperty("submissionId").GetString().ShouldBe(id);
        body.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("deliveryStatus").GetString())
            .ShouldAllBe(s => s == "Queued" || s == "Delivered" || s == "Failed");

        using var other = Client(_factory.Token("submitter", "SOMEONEELSE"));
        using var theirs = await other.GetAsync(new Uri($"/submissions/{id}", UriKind.Relative), Ct);
        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        theirs.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");

        using var missing = await owner.GetAsync(new Uri("/submissions/no-such-id", UriKind.Relative), Ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string? idempotencyKey)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/submissions", UriKind.Relative)) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
}
