using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace SubmissionGateway.Api.Tests.AttachmentRequests;

public sealed class AttachmentRequestsApiTests : IAsyncLifetime
{
    private static readonly byte[] Png = DocumentUploadForm.Png;

    private readonly GatewayApiFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_coder_opens_a_request_uploads_a_document_and_submits_a_275()
    {
        using var coder = Client(_factory.Token("coder"));
        var id = await CreateAsync(coder);

        using (var upload = await UploadAsync(coder, id, "SGW00012345"))
        {
            upload.StatusCode.ShouldBe(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync(Ct));
            var document = await upload.Content.ReadFromJsonAsync<JsonElement>(Ct);
            document.GetProperty("format").GetString().ShouldBe("Png");
            document.GetProperty("size").GetInt64().ShouldBe(Png.Length);
        }

        var before = (await _factory.CountsAsync(Ct)).Outbox;
        using var submit = await coder.PostAsync(new Uri($"/attachment-requests/{id}/submit", UriKind.Relative), null, Ct);
        submit.StatusCode.ShouldBe(HttpStatusCode.OK, await submit.Content.ReadAsStringAsync(Ct));
        (await submit.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("attachmentControlNumber").GetString().ShouldNotBeNullOrEmpty();
        (await _factory.CountsAsync(Ct)).Outbox.ShouldBe(before + 1);

        using var again = await coder.PostAsync(new Uri($"/attachment-requests/{id}/submit", UriKind.Relative), null, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        again.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_document_for_another_patient_is_a_422_problem_naming_the_field()
    {
        using var coder = Client(_factory.Token("coder"));
        var id = await CreateAsync(coder);

        using var upload = await UploadAsync(coder, id, "SGW99999999");
        upload.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await upload.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("type").GetString().ShouldBe("/problems/subject-mismatch");
        problem.GetProperty("field").GetString().ShouldBe("patient.memberId");
    }

    [Theory]
    [InlineData(1024, HttpStatusCode.UnprocessableEntity)]
    [InlineData(1025, HttpStatusCode.BadRequest)]
    public async Task A_form_field_longer_than_1024_characters_is_refused_before_the_file_is_read(int length, HttpStatusCode expected)
    {
        using var coder = Client(_factory.Token("coder"));
        var id = await CreateAsync(coder);
        var stored = await _factory.StoredPayloadsAsync(Ct);

        using var form = DocumentUploadForm.Create(patientName: new string('A', length));
        using var upload = await coder.PostAsync(new Uri($"/attachment-requests/{id}/documents", UriKind.Relative), form, Ct);

        // At the limit the field is read (and the document then refused for naming another patient); one more is refused as too long.
        upload.StatusCode.ShouldBe(expected, await upload.Content.ReadAsStringAsync(Ct));
        if (expected == HttpStatusCode.BadRequest)
        {
            (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldBe("The field 'patientName' is longer than 1024 characters.");
        }

        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(stored);
    }

    [Fact]
    public async Task Another_coder_cannot_see_or_fill_the_request()
    {
        using var coder = Client(_factory.Token("coder"));
        var id = await CreateAsync(coder);
        using var other = Client(_factory.Token("coder", expires: null, subject: "other-coder"));

        using var get = await other.GetAsync(new Uri($"/attachment-requests/{id}", UriKind.Relative), Ct);
        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var upload = await UploadAsync(other, id, "SGW00012345");
        using var submit = await other.PostAsync(new Uri($"/attachment-requests/{id}/submit", UriKind.Relative), null, Ct);

        // Writing answers exactly as reading does, so the answer never confirms that someone else's request exists.
        var notFound = await ProblemAsync(get);
        foreach (var write in new[] { upload, submit })
        {
            write.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var problem = await ProblemAsync(write);
            (problem.Type, problem.Title, problem.Detail).ShouldBe(notFound);
        }

        using var own = await coder.GetAsync(new Uri($"/attachment-requests/{id}", UriKind.Relative), Ct);
        var view = await own.Content.ReadFromJsonAsync<JsonElement>(Ct);
        view.GetProperty("state").GetString().ShouldBe("Open");
        view.GetProperty("documents").GetArrayLength().ShouldBe(0);
    }

    private static async Task<(string? Type, string? Title, string? Detail)> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (problem.GetProperty("type").GetString(), problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_submitter_token_cannot_open_requests()
    {
        using var submitter = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var response = await submitter.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), NewRequest(), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static object NewRequest() => new
    {
        payerId = "SGWPAYER01",
        claimId = "SGW-CLAIM-0001",
        patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
        serviceDateFrom = "2026-11-01",
        serviceDateTo = "2026-11-01",
        purpose = "Appeal",
        documentTypes = new Dictionary<string, int> { ["11506-3"] = 1 },
    };

    private static async Task<string> CreateAsync(HttpClient coder)
    {
        using var response = await coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), NewRequest(), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("state").GetString().ShouldBe("Open");
        return body.GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string id, string memberId)
    {
        using var form = DocumentUploadForm.Create(memberId: memberId);
        return await client.PostAsync(new Uri($"/attachment-requests/{id}/documents", UriKind.Relative), form, Ct);
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
