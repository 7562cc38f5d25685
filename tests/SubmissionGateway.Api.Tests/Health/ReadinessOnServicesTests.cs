using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Health;

/// <summary>
/// Readiness on the scale-out configuration: a real PostgreSQL (SGW_TEST_POSTGRES) and a real Azurite blob store
/// (SGW_TEST_AZURITE), each taken away while the host runs. Skipped without them, failed under SGW_REQUIRE_SERVICES=1.
/// </summary>
public sealed class ReadinessOnServicesTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _base = new();
    private readonly string _database = "sgw_ready_" + Guid.NewGuid().ToString("N");
    private readonly string _container = "ready-" + Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _base.DisposeAsync();
        if (Environment.GetEnvironmentVariable("SGW_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgres + ";Database=postgres");
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Ready_follows_the_blob_store_and_the_postgresql_database()
    {
        var postgres = Service("SGW_TEST_POSTGRES");
        var azurite = Service("SGW_TEST_AZURITE");
        await using var factory = _base.WithWebHostBuilder(b => b
            .UseSetting("Persistence:Provider", "PostgreSql")
            .UseSetting("Persistence:ConnectionString", postgres + ";Database=" + _database)
            .UseSetting("Protection:AttachmentStore", "AzureBlob")
            .UseSetting("Protection:AzureBlob:ConnectionString", azurite)
            .UseSetting("Protection:AzureBlob:ContainerName", _container));

        var (status, body) = await ReadyAsync(factory);
        status.ShouldBe(HttpStatusCode.OK, body.GetRawText());
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString()!.ShouldContain("PostgreSQL");
        body.GetProperty("checks").GetProperty("attachment-store").GetProperty("description").GetString()!.ShouldContain("BlobAttachmentStore");

        await new BlobServiceClient(azurite).GetBlobContainerClient(_container).DeleteAsync(cancellationToken: Ct);
        (status, body) = await ReadyAsync(factory);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("checks").GetProperty("attachment-store").GetProperty("status").GetString().ShouldBe("Unhealthy");
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");

        await using (var connection = new NpgsqlConnection(postgres + ";Database=postgres"))
        {
            await connection.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        (status, body) = await ReadyAsync(factory);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Unhealthy");
        body.GetProperty("checks").GetProperty("key-provider").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    private static string Service(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
        {
            return value;
        }

        if (Environment.GetEnvironmentVariable("SGW_REQUIRE_SERVICES") == "1")
        {
            Assert.Fail($"SGW_REQUIRE_SERVICES=1 but {variable} is not set.");
        }

        Assert.Skip($"{variable} is not set: run infra/local/services.sh start and export its env.");
        return "";
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(WebApplicationFactory<Program> factory)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, document.RootElement.Clone());
    }
}
