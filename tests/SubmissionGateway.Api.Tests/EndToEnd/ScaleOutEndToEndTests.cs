using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Shouldly;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SubmissionGateway.Api.Tests.EndToEnd;

/// <summary>
/// The three users' jobs end to end on the scale-out configuration: PostgreSQL (SGW_TEST_POSTGRES), Azure Blob on
/// Azurite (SGW_TEST_AZURITE) for payloads and signed tree heads, a WireMock payer. A billing system's 837 is delivered,
/// a coder's document goes out as a 275, and the privacy officer's accounting shows both disclosures with the ledger
/// intact. Skipped without the servers, failed under SGW_REQUIRE_SERVICES=1.
/// </summary>
public sealed class ScaleOutEndToEndTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _base = new();
    private readonly WireMockServer _payer = WireMockServer.Start();
    private readonly string _database = "sgw_e2e_" + Guid.NewGuid().ToString("N");
    private readonly string _payloads = "e2e-" + Guid.NewGuid().ToString("N");
    private readonly string _heads = "e2e-heads-" + Guid.NewGuid().ToString("N");
    private WebApplicationFactory<Program>? _factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _payer.Given(Request.Create().WithPath("/x12").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("accepted"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _base.DisposeAsync();
        _payer.Stop();
        _payer.Dispose();
        if (Environment.GetEnvironmentVariable("SGW_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgres + ";Database=postgres");
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (Environment.GetEnvironmentVariable("SGW_TEST_AZURITE") is { Length: > 0 } azurite)
        {
            var blobs = new BlobServiceClient(azurite);
            await blobs.GetBlobContainerClient(_payloads).DeleteIfExistsAsync();
            await blobs.GetBlobContainerClient(_heads).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task A_claim_and_a_document_reach_the_payer_and_the_accounting_on_postgresql_and_azure_blob()
    {
        var postgres = Service("SGW_TEST_POSTGRES");
        var azurite = Service("SGW_TEST_AZURITE");
        _factory = _base.WithWebHostBuilder(b => b
            .UseSetting("Persistence:Provider", "PostgreSql")
            .UseSetting("Persistence:ConnectionString", postgres + ";Database=" + _database)
            .UseSetting("Protection:AttachmentStore", "AzureBlob")
            .UseSetting("Protection:AzureBlob:ConnectionString", azurite)
            .UseSetting("Protection:AzureBlob:ContainerName", _payloads)
            .UseSetting("Disclosures:TreeHeadArchive", "AzureBlob")
            .UseSetting("Disclosures:TreeHeadBlob:ConnectionString", azurite)
            .UseSetting("Disclosures:TreeHeadBlob:ContainerName", _heads)
            .UseSetting("Disclosures:TreeHeadInterval", "00:00:01")
            .UseSetting("PayerRegistry:Payers:0:Endpoint", _payer.Url + "/x12")
            .UseSetting("Forwarding:PollInterval", "00:00:00.100"));

        // The billing system.
        using var submitter = Client(_base.Token("submitter", Samples.OfficeVisitSubmitter));
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var submitted = await submitter.PostAsync(new Uri("/submissions", UriKind.Relative), body, Ct);
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync(Ct));
        var submission = await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        submission.GetProperty("claims").EnumerateArray().ShouldAllBe(c => c.GetProperty("accepted").GetBoolean());

        // The coder.
        using var coder = Client(_base.Token("coder"));
        using var created = await coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), new
        {
            payerId = "SGWPAYER01",
            claimId = "SGW-CLAIM-0001",
            patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
            serviceDateFrom = "2026-11-01",
            serviceDateTo = "2026-11-01",
            purpose = "Appeal",
            documentTypes = new Dictionary<string, int> { ["11506-3"] = 1 },
        }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var requestId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("11506-3"), "loinc");
            form.Add(new StringContent("TESTPATIENT, JANE Q"), "patientName");
            form.Add(new StringContent("SGW00012345"), "memberId");
            form.Add(new StringContent("1980-01-15"), "birthDate");
            form.Add(new StringContent("SGW-CLAIM-0001"), "claimId");
            form.Add(new StringContent("2026-11-01"), "serviceDate");
            var pdf = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Samples.RepositoryRoot, "samples", "progress-note.pdf"), Ct));
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(pdf, "file", "progress-note.pdf");
            using var uploaded = await coder.PostAsync(new Uri($"/attachment-requests/{requestId}/documents", UriKind.Relative), form, Ct);
            uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync(Ct));
        }

        using var sent = await coder.PostAsync(new Uri($"/attachment-requests/{requestId}/submit", UriKind.Relative), null, Ct);
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync(Ct));

        // Both transactions reach the payer through the outbox.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_payer.LogEntries.Count() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
        }

        // The 275 carries a binary BIN payload, so the bodies are read as bytes.
        var received = _payer.LogEntries.Select(e => System.Text.Encoding.Latin1.GetString(e.RequestMessage?.BodyAsBytes ?? [])).ToList();
        received.Count.ShouldBe(2);
        received.ShouldContain(b => b.Contains("ST*837*", StringComparison.Ordinal));
        received.ShouldContain(b => b.Contains("ST*275*", StringComparison.Ordinal));

        // The privacy officer.
        using var compliance = Client(_base.Token("compliance"));
        JsonElement[] lines = [];
        deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            var accounting = await compliance.GetFromJsonAsync<JsonElement>(
                new Uri("/compliance/accounting?memberId=SGW00012345&birthDate=1980-01-15&from=2026-01-01&to=2027-12-31", UriKind.Relative), Ct);
            lines = [.. accounting.EnumerateArray()];
            if (lines.Count(l => l.GetProperty("kind").GetString() == "DeliveryOutcome") >= 2)
            {
                break;
            }

            await Task.Delay(200, Ct);
        }
        while (DateTime.UtcNow < deadline);

        lines.Where(l => l.GetProperty("kind").GetString() == "Disclosure").Select(l => l.GetProperty("transactionType").GetString())
            .Order(StringComparer.Ordinal).ShouldBe(["275", "837"]);
        lines.Count(l => l.GetProperty("kind").GetString() == "DeliveryOutcome").ShouldBe(2);

        // A signed head lands in the blob archive; the ledger verifies against it.
        deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement verified;
        do
        {
            using var verify = await compliance.PostAsync(new Uri("/compliance/ledger/verify", UriKind.Relative), null, Ct);
            verify.StatusCode.ShouldBe(HttpStatusCode.OK);
            verified = await verify.Content.ReadFromJsonAsync<JsonElement>(Ct);
            if (verified.GetProperty("headsChecked").GetInt32() > 0)
            {
                break;
            }

            await Task.Delay(500, Ct);
        }
        while (DateTime.UtcNow < deadline);

        verified.GetProperty("isIntact").GetBoolean().ShouldBeTrue(verified.GetRawText());
        verified.GetProperty("headsChecked").GetInt32().ShouldBeGreaterThan(0);
        var heads = new List<string>();
        await foreach (var blob in new BlobServiceClient(azurite).GetBlobContainerClient(_heads).GetBlobsAsync(cancellationToken: Ct))
        {
            heads.Add(blob.Name);
        }

        heads.ShouldNotBeEmpty();
    }

    private HttpClient Client(string token)
    {
        var client = _factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Service(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
        {
            return value;
        }

        if (Environment.GetEnvironmentVariable("SGW_REQUIRE_SERVICES") == "1")
        {
            Assert.Fail($"{variable} is not set and SGW_REQUIRE_SERVICES=1: the test servers must run (infra/local/test.sh starts them).");
        }

        Assert.Skip($"{variable} is not set; infra/local/test.sh starts PostgreSQL and Azurite.");
        return "";
    }
}
