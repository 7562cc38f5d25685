using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Access;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Tests.Access;

public sealed class RevocationApiTests : IAsyncLifetime
{
    private const string PfxPassword = "pfx-password-never-shown";
    private const string PortalKey = "PORTALKEY123";

    private readonly string _folder = Directory.CreateTempSubdirectory("sgw-admin-").FullName;
    private readonly GatewayApiFactory _factory;

    public RevocationApiTests()
    {
        var pfx = Path.Combine(_folder, "oak-payer-client.pfx");
        using (var authority = TestCertificates.CreateAuthority("CN=Payer mTLS Test CA"))
        using (var client = TestCertificates.IssueClient(authority, "CN=Gateway at Oak Health"))
        {
            File.WriteAllBytes(pfx, client.Export(X509ContentType.Pfx, PfxPassword));
        }

        _factory = new GatewayApiFactory(new Dictionary<string, string?>
        {
            ["PayerRegistry:Payers:1:Id"] = "OAKHEALTH",
            ["PayerRegistry:Payers:1:Name"] = "Oak Health Plan",
            ["PayerRegistry:Payers:1:Address"] = "2 Oak Road, Springfield, IL 62701",
            ["PayerRegistry:Payers:1:Endpoint"] = $"https://oak-payer.example.test/x12?key={PortalKey}",
            ["PayerRegistry:Payers:1:TransactionTypes:0"] = "837",
            ["PayerRegistry:Payers:1:ClientCertificatePath"] = pfx,
            ["PayerRegistry:Payers:1:ClientCertificatePassword"] = PfxPassword,
        });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_revoked_coder_signed_in_to_the_console_is_refused_on_the_next_page_though_the_cookie_is_still_valid()
    {
        using var console = _factory.CreateConsoleClient();
        await console.SignInAsync(_factory.Token("coder", subject: "coder-cookie"), Ct);
        using var before = await console.GetAsync(new Uri("/console/requests", UriKind.Relative), Ct);
        before.StatusCode.ShouldBe(HttpStatusCode.OK, "signed in before the revoke");
        using var admin = Client(_factory.Token("admin", subject: "admin-ann"));

        using var revoke = await admin.PostAsJsonAsync("/admin/revocations", new { subject = "coder-cookie", reason = "Left today" }, Ct);
        using var after = await console.GetAsync(new Uri("/console/requests", UriKind.Relative), Ct);

        revoke.StatusCode.ShouldBe(HttpStatusCode.Created);
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a console session ends with the revoke, not when its cookie runs out");
        (await JsonAsync(after)).GetProperty("type").GetString().ShouldBe("/problems/revoked");
    }

    [Fact]
    public async Task A_revoked_user_is_refused_at_once_though_the_token_is_still_valid_and_the_revoke_is_audited()
    {
        using var billing = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter, subject: "billing-user-7"));
        using var before = await billing.GetAsync(new Uri("/submissions/none", UriKind.Relative), Ct);
        before.StatusCode.ShouldBe(HttpStatusCode.NotFound, "authorized before the revoke");
        using var admin = Client(_factory.Token("admin", subject: "admin-ann"));

        using var revoke = await admin.PostAsJsonAsync("/admin/revocations", new { subject = "billing-user-7", reason = "Offboarded today" }, Ct);
        using var after = await PostSampleAsync(billing);

        revoke.StatusCode.ShouldBe(HttpStatusCode.Created);
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        after.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await JsonAsync(after)).GetProperty("type").GetString().ShouldBe("/problems/revoked");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(0);
        using var list = await admin.GetAsync(new Uri("/admin/revocations", UriKind.Relative), Ct);
        var listed = (await JsonAsync(list)).EnumerateArray().Single();
        listed.GetProperty("value").GetString().ShouldBe("billing-user-7");
        listed.GetProperty("kind").GetString().ShouldBe("Subject");
        listed.GetProperty("revokedBy").GetString().ShouldBe("admin-ann");
        await using var db = await Databases().CreateDbContextAsync(Ct);
        var audit = await db.AccessAuditEvents.SingleAsync(e => e.ResourceType == RevocationList.AuditResourceType, Ct);
        (audit.Actor, audit.ResourceId, audit.Reason).ShouldBe(("admin-ann", "Subject:billing-user-7", "Offboarded today"));
    }

    [Theory]
    [InlineData("submitter")]
    [InlineData("coder")]
    [InlineData("compliance")]
    public async Task Only_an_admin_may_revoke_or_list(string role)
    {
        using var client = Client(_factory.Token(role, role == "submitter" ? Samples.OfficeVisitSubmitter : null));

        using var revoke = await client.PostAsJsonAsync("/admin/revocations", new { subject = "coder-ann", reason = "Left" }, Ct);
        using var list = await client.GetAsync(new Uri("/admin/revocations", UriKind.Relative), Ct);
        using var payers = await client.GetAsync(new Uri("/admin/payers", UriKind.Relative), Ct);

        revoke.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        payers.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await AssertNothingRevokedAsync();
    }

    [Theory]
    [InlineData("{\"subject\":\"coder-ann\",\"thumbprint\":\"0a1b2c3d4e5f60718293a4b5c6d7e8f901234567\",\"reason\":\"Left\"}")]
    [InlineData("{\"reason\":\"Left\"}")]
    [InlineData("{\"thumbprint\":\"not-hex\",\"reason\":\"Left\"}")]
    [InlineData("{\"subject\":\"coder-ann\"}")]
    public async Task A_bad_revocation_is_a_400_problem_and_revokes_nothing(string json)
    {
        using var admin = Client(_factory.Token("admin"));
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await admin.PostAsync(new Uri("/admin/revocations", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(response);
        problem.GetProperty("type").GetString().ShouldBe("/problems/revocation-invalid");
        problem.GetProperty("detail").GetString()!.ShouldNotContain("Parameter");
        await AssertNothingRevokedAsync();
    }

    [Fact]
    public async Task Payers_are_listed_without_their_certificate_password_path_or_portal_key()
    {
        using var admin = Client(_factory.Token("admin"));

        using var response = await admin.GetAsync(new Uri("/admin/payers", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync(Ct);
        text.ShouldNotContain(PfxPassword);
        text.ShouldNotContain(PortalKey);
        text.ShouldNotContain(_folder.Replace("\\", "\\\\", StringComparison.Ordinal));
        var oak = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "OAKHEALTH");
        oak.GetProperty("name").GetString().ShouldBe("Oak Health Plan");
        oak.GetProperty("endpoint").GetString().ShouldBe("https://oak-payer.example.test/x12");
        oak.GetProperty("mutualTls").GetBoolean().ShouldBeTrue();
        JsonDocument.Parse(text).RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ShouldContain("SGWPAYER01");
    }

    private IDbContextFactory<GatewayDbContext> Databases() => _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();

    private async Task AssertNothingRevokedAsync()
    {
        await using var db = await Databases().CreateDbContextAsync(Ct);
        (await db.Revocations.CountAsync(Ct)).ShouldBe(0);
        (await db.AccessAuditEvents.CountAsync(e => e.ResourceType == RevocationList.AuditResourceType, Ct)).ShouldBe(0);
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> PostSampleAsync(HttpClient client)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        return await client.PostAsync(new Uri("/submissions", UriKind.Relative), content, Ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
}
