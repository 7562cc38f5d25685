using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using SubmissionGateway.Api.Tests.AttachmentRequests;

namespace SubmissionGateway.Api.Tests.Redaction;

/// <summary>The sample 837, an attachment and an accounting query go through the real app; no log line may show the synthetic patient.</summary>
public sealed class PhiLogRedactionTests : IAsyncLifetime
{

    /// <summary>From samples/837P-office-visit.x12 and the attachment request below: every one is PHI.</summary>
    private static readonly string[] Phi =
    [
        "TESTPATIENT", "SGW00012345", "SGW99999999", "19800115", "1980-01-15", "01/15/1980", "SGW-CLAIM-0001", "SGW-CLAIM-0002", "INVENTED LANE",
    ];

    private readonly CapturedLogs _logs = new();
    private readonly GatewayApiFactory _factory = new(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task No_log_line_shows_the_patient_of_a_submission_an_upload_or_an_accounting_query()
    {
        var app = _factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(_logs)));
        using var submitter = Client(app, _factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var coder = Client(app, _factory.Token("coder"));
        using var compliance = Client(app, _factory.Token("compliance"));

        using (var x12 = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct)))
        {
            x12.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
            using var submitted = await submitter.PostAsync(new Uri("/submissions", UriKind.Relative), x12, Ct);
            submitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var created = await coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), new
        {
            payerId = "SGWPAYER01",
            claimId = "SGW-CLAIM-0001",
            patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
            serviceDateFrom = "2026-11-01",
            serviceDateTo = "2026-11-01",
            purpose = "Appeal",
            documentTypes = new Dictionary<string, int> { ["11506-3"] = 2 },
        }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        using (var stored = await UploadAsync(coder, id, "SGW00012345"))
        {
            stored.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using (var refused = await UploadAsync(coder, id, "SGW99999999"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        }

        using var accounting = await compliance.GetAsync(
            new Uri("/compliance/accounting?memberId=SGW00012345&birthDate=1980-01-15&from=2026-01-01&to=2026-12-31", UriKind.Relative), Ct);
        accounting.StatusCode.ShouldBe(HttpStatusCode.OK);

        var lines = _logs.Lines;
        lines.ShouldContain(l => l.Message.StartsWith("Submission ", StringComparison.Ordinal), "the submission is logged, with its claim ids redacted");
        var refusal = lines.Single(l => l.Message.StartsWith("Upload into attachment request", StringComparison.Ordinal));
        refusal.Values["MemberId"].ShouldNotBeNullOrEmpty("the HMAC redactor leaves a digest to correlate by");
        lines.ShouldContain(l => l.Message.StartsWith("Document ", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            foreach (var phi in Phi)
            {
                line.Everything.ShouldNotContain(phi, Case.Insensitive, $"a {line.Level} line of {line.Category} shows PHI: {line.Message}");
            }
        }
    }

    private static HttpClient Client(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string id, string memberId)
    {
        using var form = DocumentUploadForm.Create(memberId: memberId);
        return await client.PostAsync(new Uri($"/attachment-requests/{id}/documents", UriKind.Relative), form, Ct);
    }
}
