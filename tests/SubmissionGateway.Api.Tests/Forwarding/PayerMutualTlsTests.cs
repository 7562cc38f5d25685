using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Api.Tests.Access;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Api.Tests.Forwarding;

/// <summary>
/// A payer portal on its own private PKI that requires a client certificate, served by Kestrel over real TLS on
/// loopback: the payer channel presents the configured client certificate, trusts the payer's server only through the
/// configured authority, and refuses a server it cannot trust before sending a byte.
/// </summary>
public sealed class PayerMutualTlsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sgw-payer-mtls-").FullName;
    private readonly ConcurrentQueue<string> _seenClients = new();
    private readonly X509Certificate2 _payerRoot = TestCertificates.CreateAuthority("CN=Payer Portal Test Root");
    private readonly X509Certificate2 _gatewayClientRoot = TestCertificates.CreateAuthority("CN=Gateway Client Test Root");
    private X509Certificate2 _gatewayClient = null!;
    private WebApplication _payer = null!;
    private int _port;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _gatewayClient = TestCertificates.IssueClient(_gatewayClientRoot, "CN=sgw-gateway");
        using var server = TestCertificates.IssueServer(_payerRoot, "localhost");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = X509CertificateLoader.LoadPkcs12(server.Export(X509ContentType.Pfx), null);
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(_gatewayClientRoot);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            };
        })));
        _payer = builder.Build();
        _payer.MapPost("/x12", (HttpContext context) =>
        {
            _seenClients.Enqueue(context.Connection.ClientCertificate?.Thumbprint ?? "(none)");
            return Results.Text("accepted");
        });
        await _payer.StartAsync(Ct);
        _port = new Uri(_payer.Urls.First()).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _payer.DisposeAsync();
        _gatewayClient.Dispose();
        _payerRoot.Dispose();
        _gatewayClientRoot.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Delivery_presents_the_client_certificate_to_a_payer_trusted_through_its_own_authority()
    {
        using var provider = Forwarding(withPayerAuthority: true);
        var registry = provider.GetRequiredService<PayerRegistry>();

        var result = await provider.GetRequiredService<PayerChannel>()
            .DeliverAsync(registry.Find("MTLSPAYER")!, "key-1", "837", "application/edi-x12", "ISA*test~"u8.ToArray(), Ct);

        result.Status.ShouldBe(PayerDeliveryStatus.Delivered, result.Detail);
        _seenClients.ShouldBe([_gatewayClient.Thumbprint]);
    }

    [Fact]
    public async Task A_payer_server_outside_the_system_trust_is_refused_without_its_authority_and_receives_nothing()
    {
        using var provider = Forwarding(withPayerAuthority: false);
        var registry = provider.GetRequiredService<PayerRegistry>();

        var result = await provider.GetRequiredService<PayerChannel>()
            .DeliverAsync(registry.Find("MTLSPAYER")!, "key-1", "837", "application/edi-x12", "ISA*test~"u8.ToArray(), Ct);

        result.Status.ShouldNotBe(PayerDeliveryStatus.Delivered);
        _seenClients.ShouldBeEmpty();
    }

    private ServiceProvider Forwarding(bool withPayerAuthority)
    {
        var clientFile = Path.Combine(_folder, "gateway-client.pfx");
        File.WriteAllBytes(clientFile, _gatewayClient.Export(X509ContentType.Pfx, "pfx-password"));
        var authorityFile = Path.Combine(_folder, "payer-root.pem");
        File.WriteAllText(authorityFile, _payerRoot.ExportCertificatePem());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddForwarding(
            registry => registry.Payers.Add(new PayerOptions
            {
                Id = "MTLSPAYER",
                Name = "Private PKI Health Plan",
                Address = "9 Portal Road, Springfield, IL 62701",
                Endpoint = $"https://localhost:{_port}/x12",
                TransactionTypes = ["837"],
                ClientCertificatePath = clientFile,
                ClientCertificatePassword = "pfx-password",
                ServerCertificateAuthorityPath = withPayerAuthority ? authorityFile : null,
            }),
            forwarding =>
            {
                forwarding.MaxRetries = 0;
                forwarding.AttemptTimeout = TimeSpan.FromSeconds(10);
                forwarding.TotalBudget = TimeSpan.FromSeconds(20);
            });
        return services.BuildServiceProvider();
    }
}
