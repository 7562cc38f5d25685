using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Cli;

/// <summary><c>sgw --cert</c> against a gateway that requires client certificates from its own CA (mTLS billing systems).</summary>
public sealed class SgwClientCertificateTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sgw-mtls-").FullName;
    private KestrelGateway? _gateway;

    private KestrelGateway Gateway => _gateway!;

    public async ValueTask InitializeAsync()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Test Billing CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllTextAsync(Path.Combine(_folder, "ca.pem"), ca.ExportCertificatePem(), Ct);

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest("CN=SGWDEMOBILLING", clientKey, HashAlgorithmName.SHA256);
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = clientRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(clientKey);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "client.pfx"), withKey.Export(X509ContentType.Pfx), Ct);
        await File.WriteAllTextAsync(Path.Combine(_folder, "client.pem"), withKey.ExportCertificatePem() + "\n" + clientKey.ExportPkcs8PrivateKeyPem(), Ct);

        _gateway = new KestrelGateway(new Dictionary<string, string>
        {
            ["Transport:ClientCertificates"] = "RequireCertificate",
            ["Transport:ClientCertificateAuthorityPath"] = Path.Combine(_folder, "ca.pem"),
        });
        await _gateway.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("client.pfx")]
    [InlineData("client.pem")]
    public async Task A_client_certificate_from_the_gateways_ca_gets_through(string file)
    {
        var (exit, output, error) = await Gateway.SgwAsync("ledger", "verify", "--data-folder", Gateway.DataFolder, "--cert", Path.Combine(_folder, file));
        exit.ShouldBe(0, error);
        output.ShouldStartWith("ledger intact");
    }

    [Fact]
    public async Task Without_the_certificate_the_connection_is_refused_with_exit_3()
    {
        var (exit, _, error) = await Gateway.SgwAsync("ledger", "verify", "--data-folder", Gateway.DataFolder);
        exit.ShouldBe(3, error);
        var message = error.Split('\n').Last();
        message.ShouldStartWith("sgw ledger verify:", Case.Sensitive);
        message.ShouldContain("pass --cert");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_missing_certificate_file_is_a_usage_error()
    {
        var (exit, _, error) = await Gateway.SgwAsync("ledger", "verify", "--data-folder", Gateway.DataFolder, "--cert", Path.Combine(_folder, "nope.pfx"));
        exit.ShouldBe(2);
        error.ShouldContain("does not exist");
    }

    [Fact]
    public async Task A_remote_gateway_without_a_token_is_exit_4_and_nothing_is_minted()
    {
        var (exit, _, error) = await Gateway.SgwAsync("ledger", "verify", "--gateway", "https://gateway.example.test", "--data-folder", Gateway.DataFolder);
        exit.ShouldBe(4);
        error.ShouldContain("no token for https://gateway.example.test/");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
