using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Shouldly;
using SubmissionGateway.Api.Tests.Access;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Api.Tests.Transport;

public sealed class TransportSecurityTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sgw-transport-").FullName;

    private string CertificatePath => Path.Combine(_dataFolder, "tls", "server.pfx");

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
    public async Task First_run_creates_an_owner_only_self_signed_certificate_and_later_runs_reuse_it()
    {
        string first;
        await using (var host = await TransportHost.StartAsync(_dataFolder))
        {
            first = (await HandshakeAsync(host.Https, SslProtocols.Tls13)).Thumbprint;
        }

        File.Exists(CertificatePath).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(CertificatePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var stored = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, null);
        stored.Thumbprint.ShouldBe(first);
        await using (var again = await TransportHost.StartAsync(_dataFolder))
        {
            (await HandshakeAsync(again.Https, SslProtocols.Tls12)).Thumbprint.ShouldBe(first);
        }
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Tls_1_2_and_1_3_are_accepted(SslProtocols protocol)
    {
        await using var host = await TransportHost.StartAsync(_dataFolder);

        var result = await HandshakeAsync(host.Https, protocol);

        result.Protocol.ShouldBe(protocol);
    }

    [Fact]
    public async Task A_tls_1_1_client_is_refused()
    {
        await using var host = await TransportHost.StartAsync(_dataFolder);

#pragma warning disable SYSLIB0039 // TLS 1.1 on purpose: the test proves it is refused.
        await Should.ThrowAsync<AuthenticationException>(() => HandshakeAsync(host.Https, SslProtocols.Tls11));
#pragma warning restore SYSLIB0039
    }

    [Fact]
    public async Task The_server_itself_answers_a_tls_1_1_hello_with_a_protocol_version_alert()
    {
        await using var host = await TransportHost.StartAsync(_dataFolder);

        var refused = await RawClientHello.SendAsync(host.Https, 3, 2);
        var accepted = await RawClientHello.SendAsync(host.Https, 3, 3);

        // The same hand-built hello offering TLS 1.2 gets a ServerHello, so the refusal is about the version alone.
        accepted[0].ShouldBe(RawClientHello.Handshake);
        accepted[5].ShouldBe((byte)2);
        refused[0].ShouldBe(RawClientHello.Alert);
        refused[6].ShouldBe(RawClientHello.ProtocolVersionAlert);
    }

    [Fact]
    public async Task Https_responses_carry_hsts_and_no_plain_http_endpoint_exists_by_default()
    {
        await using var host = await TransportHost.StartAsync(_dataFolder, new() { ["Transport:HstsMaxAgeDays"] = "180" });
        using var client = PinnedClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Https, "/whoami"));
        // HSTS is not sent to loopback host names; a real client uses the gateway's name.
        request.Headers.Host = "gateway.example.test";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("https|-");
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe($"max-age={180 * 86400}; includeSubDomains");
        response.Headers.Contains("Server").ShouldBeFalse();
        host.Http.ShouldBeNull();
    }

    [Fact]
    public async Task The_development_switch_adds_plain_http_on_loopback_only()
    {
        await using var host = await TransportHost.StartAsync(_dataFolder, new() { ["Transport:AllowPlainHttpOnLoopback"] = "true" }, "Development");
        using var client = new HttpClient();

        var body = await client.GetStringAsync(new Uri(host.Http.ShouldNotBeNull(), "/whoami"), TestContext.Current.CancellationToken);

        body.ShouldBe("http|-");
        host.Http.Host.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task The_development_switch_is_refused_outside_development()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => TransportHost.StartAsync(_dataFolder, new() { ["Transport:AllowPlainHttpOnLoopback"] = "true" }, "Production"));

        error.Message.ShouldContain("development switch");
    }

    [Fact]
    public async Task A_certificate_file_others_can_read_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions only.");
            return;
        }

        await using (await TransportHost.StartAsync(_dataFolder))
        {
        }

        File.SetUnixFileMode(CertificatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = await Should.ThrowAsync<KeyRingException>(() => TransportHost.StartAsync(_dataFolder));
        error.Message.ShouldContain("chmod 600");
    }

    [Fact]
    public async Task Required_client_certificates_admit_only_those_issued_by_the_configured_authority()
    {
        using var authority = TestCertificates.CreateAuthority("CN=Synthetic Billing CA");
        using var stranger = TestCertificates.CreateAuthority("CN=Somebody Else CA");
        using var billing = TestCertificates.IssueClient(authority, "CN=synthetic-billing-system-0001");
        using var impostor = TestCertificates.IssueClient(stranger, "CN=synthetic-billing-system-0001");
        var authorityPem = Path.Combine(_dataFolder, "clients-ca.pem");
        await File.WriteAllTextAsync(authorityPem, authority.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await using var host = await TransportHost.StartAsync(_dataFolder, new()
        {
            ["Transport:ClientCertificates"] = "RequireCertificate",
            ["Transport:ClientCertificateAuthorityPath"] = authorityPem,
        });

        using (var client = PinnedClient(billing))
        {
            (await client.GetStringAsync(new Uri(host.Https, "/whoami"), TestContext.Current.CancellationToken))
                .ShouldBe("https|CN=synthetic-billing-system-0001");
        }

        using (var client = PinnedClient(impostor))
        {
            await Should.ThrowAsync<HttpRequestException>(() => client.GetStringAsync(new Uri(host.Https, "/whoami"), TestContext.Current.CancellationToken));
        }

        using (var client = PinnedClient())
        {
            await Should.ThrowAsync<HttpRequestException>(() => client.GetStringAsync(new Uri(host.Https, "/whoami"), TestContext.Current.CancellationToken));
        }
    }

    private async Task<(SslProtocols Protocol, string Thumbprint)> HandshakeAsync(Uri endpoint, SslProtocols protocol)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port, TestContext.Current.CancellationToken);
        string? thumbprint = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocol,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    thumbprint = (certificate as X509Certificate2)?.Thumbprint;
                    return IsGatewayCertificate(certificate);
                },
            },
            TestContext.Current.CancellationToken);
        return (tls.SslProtocol, thumbprint!);
    }

    private HttpClient PinnedClient(X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => IsGatewayCertificate(certificate),
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            },
        };
        return new HttpClient(handler);
    }

    // The gateway's self-signed certificate is trusted by pinning the file it wrote, nothing broader.
    private bool IsGatewayCertificate(X509Certificate? presented)
    {
        using var expected = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, null);
        return presented is X509Certificate2 certificate && certificate.Thumbprint == expected.Thumbprint;
    }
}
