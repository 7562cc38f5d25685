extern alias cli;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;
using SgwCommand = cli::SubmissionGateway.Cli.SgwCommand;

namespace SubmissionGateway.Api.Tests.Cli;

/// <summary>
/// The real Program on a real Kestrel with TLS on a loopback port (its self-signed development certificate in a fresh
/// data folder), so <c>sgw</c> talks to it exactly as it talks to a gateway: sockets, TLS, tokens.
/// </summary>
public sealed class KestrelGateway : IAsyncLifetime
{
    private readonly WireMockServer _payer = WireMockServer.Start();
    private readonly Dictionary<string, string> _settings;
    private WebApplicationFactory<Program>? _factory;

    public KestrelGateway()
        : this([])
    {
    }

    /// <summary>With extra configuration, e.g. the Transport section for mTLS.</summary>
    internal KestrelGateway(Dictionary<string, string> settings) => _settings = settings;

    /// <summary>Small, so a refusal for size is cheap to provoke.</summary>
    public const int MaxSubmissionBytes = 65536;

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("sgw-cli-tests-").FullName;

    public string Url { get; private set; } = "";

    /// <summary>The gateway's development certificate (a PKCS#12 with its key: sgw reads only the certificate).</summary>
    public string CertificateFile => Path.Combine(DataFolder, "transport", "tls", "server.pfx");

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Transport:ListenAddress", "127.0.0.1");
            web.UseSetting("Transport:HttpsPort", "0");
            web.UseSetting("Protection:DataFolder", DataFolder);
            web.UseSetting("PayerRegistry:AllowInsecureHttpForTesting", "true");
            web.UseSetting("PayerRegistry:Payers:0:Endpoint", _payer.Url + "/x12");
            web.UseSetting("Submissions:MaxBodyBytes", MaxSubmissionBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in _settings)
            {
                web.UseSetting(key, value);
            }
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Url = address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs sgw in-process against this gateway: <c>--gateway</c> is added unless the arguments name one.</summary>
    public async Task<(int Exit, string Out, string Error)> SgwAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] all = args.Contains("--gateway") || args.Contains("dev-token") || args.Contains("--help") ? args : [.. args, "--gateway", Url];
        var exit = await SgwCommand.RunAsync(all, stdout, stderr);
        return (exit, stdout.ToString().Trim(), stderr.ToString().Trim());
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _payer.Stop();
        _payer.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file the host still holds; the temp folder is cleaned by the OS.
        }
    }
}
