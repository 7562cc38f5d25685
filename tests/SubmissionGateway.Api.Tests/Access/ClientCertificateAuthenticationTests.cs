using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Tests.Access;

/// <summary>Billing systems authenticate with their client certificate over real TLS on Kestrel: no token needed.</summary>
public sealed class ClientCertificateAuthenticationTests : IAsyncLifetime
{
    private const string BillingSubject = "CN=Maple Street Billing, O=Maple Street Family Medicine";

    private readonly string _folder = Directory.CreateTempSubdirectory("sgw-mtls-").FullName;
    private readonly X509Certificate2 _authority = TestCertificates.CreateAuthority("CN=Billing Systems Test CA, O=SubmissionGateway Tests");
    private readonly X509Certificate2 _registered;
    private readonly X509Certificate2 _pinned;
    private readonly X509Certificate2 _unregistered;
    private readonly X509Certificate2 _foreign;
    private readonly GatewayApiFactory _factory;
    private Uri _base = null!;

    public ClientCertificateAuthenticationTests()
    {
        _registered = TestCertificates.IssueClient(_authority, BillingSubject);
        _pinned = TestCertificates.IssueClient(_authority, "CN=Oak Billing");
        _unregistered = TestCertificates.IssueClient(_authority, "CN=Someone Unregistered");
        using var otherAuthority = TestCertificates.CreateAuthority("CN=Billing Systems Test CA, O=SubmissionGateway Tests");
        _foreign = TestCertificates.IssueClient(otherAuthority, BillingSubject);
        _factory = new GatewayApiFactory(new Dictionary<string, string?>
        {
            ["Transport:ListenAddress"] = "127.0.0.1",
            ["Transport:HttpsPort"] = "0",
            ["Transport:ClientCertificates"] = "AllowCertificate",
            ["Transport:ClientCertificateAuthorityPath"] = TestCertificates.WritePem(_authority, _folder),
            ["BillingClients:Clients:0:ClientId"] = "maple-billing",
            ["BillingClients:Clients:0:SubmitterId"] = Samples.OfficeVisitSubmitter,
            ["BillingClients:Clients:0:Subject"] = BillingSubject,
            ["BillingClients:Clients:0:Issuer"] = "CN=Billing Systems Test CA,O=SubmissionGateway Tests",
            ["BillingClients:Clients:1:ClientId"] = "oak-billing",
            ["BillingClients:Clients:1:SubmitterId"] = "SGWOAKBILLING",
            ["BillingClients:Clients:1:Thumbprint"] = _pinned.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant(),
        });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        _base = new Uri(addresses.Single(a => a.StartsWith("https://127.0.0.1:", StringComparison.Ordinal)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        foreach (var certificate in new[] { _authority, _registered, _pinned, _unregistered, _foreign })
        {
            certificate.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_registered_billing_system_posts_the_sample_with_its_certificate_and_no_token()
    {
        using var client = Client(_registered);

        using var response = await PostSampleAsync(client, "mtls-1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        body.GetProperty("claims").EnumerateArray().ShouldAllBe(c => c.GetProperty("accepted").GetBoolean());
        (await _factory.CountsAsync(Ct)).ShouldBe((1, 1));
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        (await db.Set<Submission>().SingleAsync(Ct)).SubmitterId.ShouldBe(Samples.OfficeVisitSubmitter);
    }

    [Fact]
    public async Task A_pinned_certificate_is_bound_to_its_own_submitter_id()
    {
        using var client = Client(_pinned);

        using var response = await PostSampleAsync(client, "mtls-2");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TypeAsync(response)).ShouldBe("/problems/submitter-mismatch");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task A_certificate_from_the_authority_that_no_billing_system_is_registered_with_is_401()
    {
        using var client = Client(_unregistered);

        using var response = await PostSampleAsync(client, "mtls-3");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_certificate_with_the_same_name_from_another_authority_never_completes_the_handshake()
    {
        using var client = Client(_foreign);

        await Should.ThrowAsync<HttpRequestException>(() => PostSampleAsync(client, "mtls-4"));

        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task A_revoked_certificate_is_refused_on_its_very_next_request()
    {
        using var billing = Client(_registered);
        using var first = await PostSampleAsync(billing, "mtls-5");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var submissionId = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("submissionId").GetString();

        // The administrator uses a token over TLS without a client certificate: both schemes work side by side.
        using var admin = Client(null);
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _factory.Token("admin", subject: "admin-ann"));
        using var revoke = await admin.PostAsJsonAsync("/admin/revocations",
            new { thumbprint = _registered.Thumbprint.ToLowerInvariant(), reason = "Billing contract ended" }, Ct);
        revoke.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var again = await PostSampleAsync(billing, "mtls-6");
        using var read = await billing.GetAsync(new Uri($"/submissions/{submissionId}", UriKind.Relative), Ct);

        again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await TypeAsync(again)).ShouldBe("/problems/revoked");
        read.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _factory.CountsAsync(Ct)).ShouldBe((1, 1));

        // The certificate is refused whatever else the request carries: even a valid admin token does not carry it through.
        using var tokenOnRevokedConnection = Client(_registered);
        tokenOnRevokedConnection.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        using var mixed = await tokenOnRevokedConnection.GetAsync(new Uri("/admin/revocations", UriKind.Relative), Ct);
        mixed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var adminAlone = await admin.GetAsync(new Uri("/admin/revocations", UriKind.Relative), Ct);
        adminAlone.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private HttpClient Client(X509Certificate2? certificate) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
            // The server's certificate is the embedded default's self-signed one; what is tested here is the client side.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        },
    })
    {
        BaseAddress = _base,
    };

    private static async Task<HttpResponseMessage> PostSampleAsync(HttpClient client, string idempotencyKey)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/submissions") { Content = content };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<string?> TypeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("type").GetString();
}
