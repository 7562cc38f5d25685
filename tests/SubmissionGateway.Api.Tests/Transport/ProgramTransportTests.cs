using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Api.Transport;

namespace SubmissionGateway.Api.Tests.Transport;

/// <summary>The real Program on a real Kestrel: Program.cs must wire the transport security in.</summary>
public sealed class ProgramTransportTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sgw-program-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Plain_http_reaching_the_app_through_a_proxy_is_redirected_to_https()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Transport:DataFolder", _dataFolder);
            web.UseSetting("Protection:DataFolder", Path.Combine(_dataFolder, "gateway"));
            web.UseSetting("https_port", "443");
        });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("http://gateway.example.test/health/live"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location.ShouldBe(new Uri("https://gateway.example.test/health/live"));
    }

    [Fact]
    public async Task The_gateway_serves_health_over_tls_only_with_hsts()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Transport:ListenAddress", "127.0.0.1");
            web.UseSetting("Transport:HttpsPort", "0");
            web.UseSetting("Transport:DataFolder", _dataFolder);
            web.UseSetting("Protection:DataFolder", Path.Combine(_dataFolder, "gateway"));
        });
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        addresses.ShouldAllBe(a => a.StartsWith("https://127.0.0.1:", StringComparison.Ordinal));
        using var expected = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_dataFolder, "tls", "server.pfx"), null);
        SslProtocols? negotiated = null;
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (sender, certificate, _, _) =>
                {
                    negotiated = (sender as SslStream)?.SslProtocol;
                    return certificate is X509Certificate2 presented && presented.Thumbprint == expected.Thumbprint;
                },
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(addresses.Single()), "/health/live"));
        request.Headers.Host = "gateway.example.test";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
        negotiated.ShouldBe(SslProtocols.Tls13);
    }

    [Fact]
    public async Task Program_registers_the_transport_pool_after_kestrels_default()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Transport:DataFolder", _dataFolder);
            web.UseSetting("Protection:DataFolder", Path.Combine(_dataFolder, "gateway"));
        });

        // WebApplicationFactory.UseKestrel() would register Kestrel's defaults again after Program's, so this looks at
        // Program's own container; TransportBufferPoolTests shows a real Kestrel receiving into the pool.
        factory.Services.GetRequiredService<IMemoryPoolFactory<byte>>().ShouldBeOfType<TransportBufferPoolFactory>();
        await Task.CompletedTask;
    }
}
