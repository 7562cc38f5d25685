using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SubmissionGateway.Tests.Protection;

/// <summary>
/// A real Azurite blob endpoint: SGW_TEST_AZURITE when set; otherwise one started here on a free loopback port
/// when infra/local/services.sh has installed it; otherwise none, and tests skip (or fail under SGW_REQUIRE_SERVICES=1).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _azurite;
    private string? _location;

    public string? ConnectionString { get; private set; }

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = Environment.GetEnvironmentVariable("SGW_TEST_AZURITE");
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return;
        }

        var executable = FindAzurite();
        if (executable is null)
        {
            Unavailable = "SGW_TEST_AZURITE is not set and Azurite is not installed (run infra/local/services.sh start).";
            ConnectionString = null;
            return;
        }

        var port = FreePort();
        _location = Directory.CreateTempSubdirectory("sgw-azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--location", _location, "--silent", "--skipApiVersionCheck",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _azurite = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                ConnectionString =
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        Unavailable = "Azurite was started but did not listen within 30 seconds.";
    }

    /// <summary>The connection string, or a skip (a failure when SGW_REQUIRE_SERVICES=1) naming why there is none.</summary>
    public string Require()
    {
        if (ConnectionString is { } connectionString)
        {
            return connectionString;
        }

        if (Environment.GetEnvironmentVariable("SGW_REQUIRE_SERVICES") == "1")
        {
            Assert.Fail("SGW_REQUIRE_SERVICES=1 but no Azurite: " + Unavailable);
        }

        Assert.Skip(Unavailable ?? "No Azurite.");
        return "";
    }

    public ValueTask DisposeAsync()
    {
        if (_azurite is { } azurite)
        {
            // Azurite ignores SIGTERM for a long time; Kill sends SIGKILL.
            azurite.Kill(entireProcessTree: true);
            azurite.WaitForExit(5000);
            azurite.Dispose();
        }

        if (_location is not null)
        {
            try
            {
                Directory.Delete(_location, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }

    private static string? FindAzurite()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SubmissionGateway.sln")))
            {
                var candidate = Path.Combine(directory.FullName, ".tools", "azurite", "node_modules", ".bin", "azurite-blob");
                return File.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
