using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Tests.Submissions;

/// <summary>The embedded default outside Development: no payer configured, so every claim goes to the named sandbox.</summary>
public sealed class SandboxPayerTests : IAsyncLifetime
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sgw-sandbox-").FullName;
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Protection:DataFolder", _dataFolder);
            web.UseSetting("https_port", "443");
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Without_a_payer_registry_claims_go_to_the_sandbox_which_is_named_so_in_the_ledger_and_sends_nothing()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");

        using var response = await client.PostAsync(new Uri("/submissions", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var claims = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("claims").EnumerateArray().ToList();
        claims.ShouldAllBe(c => c.GetProperty("forwarded").GetBoolean());

        var worker = _factory.Services.GetRequiredService<OutboxWorker>();
        var databases = _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
        OutboxItem? item = null;
        for (var attempt = 0; attempt < 50 && item?.Status != OutboxStatus.Delivered; attempt++)
        {
            await worker.RunOnceAsync(Ct);
            await using var db = await databases.CreateDbContextAsync(Ct);
            item = await db.OutboxItems.AsNoTracking().SingleAsync(Ct);
            if (item.Status != OutboxStatus.Delivered)
            {
                await Task.Delay(100, Ct);
            }
        }

        item.ShouldNotBeNull().Status.ShouldBe(OutboxStatus.Delivered);
        await using var check = await databases.CreateDbContextAsync(Ct);
        var disclosure = await check.DisclosureEntries.AsNoTracking().FirstAsync(e => e.Kind == DisclosureEntryKind.Disclosure, Ct);
        disclosure.RecipientName.ShouldStartWith("SANDBOX");
        disclosure.RecipientEndpoint.ShouldBe(PayerRegistry.SandboxEndpoint);
        var outcome = await check.DisclosureEntries.AsNoTracking().FirstAsync(e => e.Kind == DisclosureEntryKind.DeliveryOutcome, Ct);
        outcome.Detail.ShouldNotBeNull().ShouldStartWith("SANDBOX receipt");
    }

    [Fact]
    public async Task The_embedded_default_opens_attachment_requests_for_a_sandbox_practice()
    {
        using var coder = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        coder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(GatewayPolicies.Coder, "coder-1"));

        using var created = await coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), new
        {
            payerId = "SGWPAYER01",
            claimId = "SGW-CLAIM-0001",
            patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
            serviceDateFrom = "2026-11-01",
            serviceDateTo = "2026-11-01",
            purpose = "Appeal",
            documentTypes = new Dictionary<string, int> { ["11506-3"] = 1 },
        }, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var options = _factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SubmissionGateway.AttachmentRequests.AttachmentRequestOptions>>().Value;
        options.UsageIndicator.ShouldBe("T", "275s built for the sandbox are marked as tests");
        options.ProviderName.ShouldContain("SANDBOX");
    }

    private string Token(string role = GatewayPolicies.Submitter, string subject = "billing")
    {
        var key = DataFolderSecret.LoadOrCreate(Path.Combine(_dataFolder, "keys", TokenOptions.LocalKeyFileName), 32);
        var now = DateTime.UtcNow;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = TokenOptions.LocalIssuer,
            Audience = TokenOptions.DefaultAudience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject, [GatewayPolicies.RoleClaim] = role, [GatewayPolicies.SubmitterIdClaim] = Samples.OfficeVisitSubmitter,
            },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(key), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }
}
