using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Protection.PhiFields;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SubmissionGateway.Console.Tests;

/// <summary>
/// The real gateway (Program) on a real Kestrel socket on loopback, with its own self-signed TLS certificate, a fresh
/// data folder (SQLite, encrypted file store, generated keys) and a WireMock payer that answers 200.
/// </summary>
public sealed class ConsoleGateway : IAsyncLifetime
{
    public const string PayerId = "SGWPAYER01";
    public const string PayerName = "Sandbox Health Plan";
    public const string PatientName = "TESTPATIENT, JANE Q";
    public const string MemberId = "SGW00012345";
    public static readonly DateOnly BirthDate = new(1980, 1, 15);
    public static readonly DateOnly ServiceDate = new(2026, 11, 2);

    private readonly WireMockServer _payer = WireMockServer.Start();
    private readonly string _folder = Directory.CreateTempSubdirectory("sgw-console-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public int PayerRequests => _payer.LogEntries.Count();

    public ValueTask InitializeAsync()
    {
        _payer.Given(Request.Create().WithPath("/x12").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("RECEIVED"));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Transport:ListenAddress", "127.0.0.1");
            web.UseSetting("Transport:HttpsPort", "0");
            web.UseSetting("Transport:DataFolder", Path.Combine(_folder, "transport"));
            web.UseSetting("Protection:DataFolder", Path.Combine(_folder, "gateway"));
            web.UseSetting("PayerRegistry:AllowInsecureHttpForTesting", "true");
            web.UseSetting("PayerRegistry:Payers:0:Id", PayerId);
            web.UseSetting("PayerRegistry:Payers:0:Name", PayerName);
            web.UseSetting("PayerRegistry:Payers:0:Address", "1 Plan Way, Springfield, IL 62701");
            web.UseSetting("PayerRegistry:Payers:0:Endpoint", _payer.Url + "/x12");
            web.UseSetting("PayerRegistry:Payers:0:TransactionTypes:0", "837");
            web.UseSetting("PayerRegistry:Payers:0:TransactionTypes:1", "275");
            web.UseSetting("Forwarding:PollInterval", "00:00:01");
            web.UseSetting("AttachmentRequests:SubmitterId", "SGW000001");
            web.UseSetting("AttachmentRequests:SubmitterName", "MAPLE STREET BILLING");
            web.UseSetting("AttachmentRequests:ProviderName", "MAPLE STREET FAMILY MEDICINE");
            web.UseSetting("AttachmentRequests:ProviderNpi", "1234567893");
            web.UseSetting("AttachmentRequests:UsageIndicator", "T");
            web.UseSetting("Intake:SenderId", "SGWGATEWAY");
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        BaseAddress = new Uri(address);
        return ValueTask.CompletedTask;
    }

    /// <summary>A token signed with the data folder's local key, as <c>sgw dev-token</c> mints it.</summary>
    public string Token(string role, string subject, TimeSpan? lifetime = null)
    {
        var key = DataFolderSecret.LoadOrCreate(Path.Combine(_folder, "gateway", "keys", TokenOptions.LocalKeyFileName), 32);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenOptions.LocalIssuer,
            Audience = TokenOptions.DefaultAudience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            Claims = new Dictionary<string, object> { ["sub"] = subject, [GatewayPolicies.RoleClaim] = role },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Opens a request for the synthetic patient, assigned to <paramref name="coder"/>.</summary>
    public async Task<AttachmentRequest> OpenRequestAsync(string coder, string claimId, CancellationToken cancellationToken)
    {
        var requests = Services.GetRequiredService<AttachmentRequestService>();
        return await requests.CreateAsync(new AttachmentRequestDraft(
            PayerId, claimId, null, new PatientIdentity(PatientName, MemberId, BirthDate), ServiceDate, ServiceDate,
            AttachmentRequestPurpose.PayerRequest, new Dictionary<string, int> { ["11506-3"] = 2 }, coder), cancellationToken);
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
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file the host still holds; the temporary folder is cleaned by the OS.
        }
    }
}
