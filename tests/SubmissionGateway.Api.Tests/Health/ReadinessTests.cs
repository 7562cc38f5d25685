using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Shouldly;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SubmissionGateway.Api.Tests.Health;

/// <summary>/health/ready against the real host: each dependency broken for real, one at a time.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Ready_is_healthy_on_the_embedded_default_and_names_every_check()
    {
        var (status, body) = await ReadyAsync(_factory);

        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        var checks = body.GetProperty("checks");
        checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["attachment-store", "database", "key-provider", "payer-breakers"]);
        checks.EnumerateObject().ShouldAllBe(c => c.Value.GetProperty("status").GetString() == "Healthy");
        checks.GetProperty("payer-breakers").GetProperty("data").GetProperty("SGWPAYER01").GetString().ShouldBe("Closed");
        // The store probe is deleted again: readiness leaves nothing in the store.
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Ready_is_unhealthy_when_the_attachment_store_cannot_be_written()
    {
        (await ReadyAsync(_factory)).Status.ShouldBe(HttpStatusCode.OK);
        // Root ignores permission bits, so the folder is replaced by a file: nothing can be created under it.
        var folder = Path.Combine(_factory.DataFolder, "attachments");
        Directory.Delete(folder, recursive: true);
        await File.WriteAllTextAsync(folder, "not a folder", Ct);

        var (status, body) = await ReadyAsync(_factory);

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("status").GetString().ShouldBe("Unhealthy");
        var store = body.GetProperty("checks").GetProperty("attachment-store");
        store.GetProperty("status").GetString().ShouldBe("Unhealthy");
        store.GetProperty("description").GetString().ShouldBe("The attachment store cannot store a payload.");
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
        // Anonymous callers never see the exception (paths, hosts).
        body.GetRawText().ShouldNotContain(_factory.DataFolder);
    }

    [Fact]
    public async Task Ready_is_unhealthy_when_the_database_is_gone()
    {
        (await ReadyAsync(_factory)).Status.ShouldBe(HttpStatusCode.OK);
        var database = Path.Combine(_factory.DataFolder, "gateway.db");
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }

        // A folder where the file was: SQLite can neither open nor recreate it.
        Directory.CreateDirectory(database);

        var (status, body) = await ReadyAsync(_factory);

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("status").GetString().ShouldBe("Unhealthy");
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Unhealthy");
        body.GetProperty("checks").GetProperty("key-provider").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Ready_is_degraded_and_names_the_payer_when_its_breaker_opens()
    {
        using var payer = WireMockServer.Start();
        payer.Given(Request.Create().WithPath("/x12").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        await using var failing = _factory.WithWebHostBuilder(b => b
            .UseSetting("PayerRegistry:Payers:0:Endpoint", payer.Url + "/x12")
            .UseSetting("Forwarding:PollInterval", "00:00:00.100")
            .UseSetting("Forwarding:MaxRetries", "1")
            .UseSetting("Forwarding:RetryBaseDelay", "00:00:00")
            .UseSetting("Forwarding:RedeliveryBaseDelay", "00:00:00")
            .UseSetting("Forwarding:BreakMinimumThroughput", "2")
            .UseSetting("Forwarding:BreakDuration", "00:10:00"));
        using var client = failing.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _factory.Token("submitter", Samples.OfficeVisitSubmitter));
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        content.Headers.ContentType = new("application/edi-x12");
        (await client.PostAsync(new Uri("/submissions", UriKind.Relative), content, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The outbox worker keeps delivering; two failed attempts open the breaker.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        (HttpStatusCode Status, JsonElement Body) ready;
        do
        {
            await Task.Delay(100, Ct);
            ready = await ReadyAsync(failing);
        }
        while (ready.Body.GetProperty("status").GetString() == "Healthy" && DateTime.UtcNow < deadline);

        ready.Status.ShouldBe(HttpStatusCode.OK);
        ready.Body.GetProperty("status").GetString().ShouldBe("Degraded");
        var breakers = ready.Body.GetProperty("checks").GetProperty("payer-breakers");
        breakers.GetProperty("status").GetString().ShouldBe("Degraded");
        breakers.GetProperty("description").GetString()!.ShouldContain("Circuit open for payer SGWPAYER01");
        breakers.GetProperty("data").GetProperty("SGWPAYER01").GetString().ShouldBe("Open");
        ready.Body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(WebApplicationFactory<Program> factory)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, document.RootElement.Clone());
    }
}
