using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;
using WireMock.Server;

namespace SubmissionGateway.Api.Tests;

/// <summary>
/// The real Program over a fresh data folder (SQLite, file store, generated keys) in a temporary directory; the
/// sandbox payer is a WireMock stand-in so nothing leaves the machine.
/// </summary>
public sealed class GatewayApiFactory : WebApplicationFactory<Program>
{
    private readonly WireMockServer _payer = WireMockServer.Start();
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public GatewayApiFactory()
        : this(null)
    {
    }

    /// <param name="settings">Extra configuration, applied after the defaults below.</param>
    internal GatewayApiFactory(IReadOnlyDictionary<string, string?>? settings)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        DataFolder = Path.Combine(Path.GetTempPath(), "sgw-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
    }

    public string DataFolder { get; }

    /// <summary>Requests the payer stand-in has received: a refused input must not reach it.</summary>
    public int PayerRequestCount => _payer.LogEntries.Count();

    /// <summary>A token signed with the data folder's local key, as <c>sgw dev-token</c> mints it.</summary>
    public string Token(string role, string? submitterId = null, DateTime? expires = null, string? subject = null)
    {
        var key = DataFolderSecret.LoadOrCreate(Path.Combine(DataFolder, "keys", TokenOptions.LocalKeyFileName), 32);
        var claims = new Dictionary<string, object> { ["sub"] = subject ?? $"test-{role}", [GatewayPolicies.RoleClaim] = role };
        if (submitterId is not null)
        {
            claims[GatewayPolicies.SubmitterIdClaim] = submitterId;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenOptions.LocalIssuer,
            Audience = TokenOptions.DefaultAudience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task<(int Submissions, int Outbox)> CountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(cancellationToken);
        return (await db.Set<Submission>().CountAsync(cancellationToken), await db.OutboxItems.CountAsync(cancellationToken));
    }

    /// <summary>How many payloads the encrypted attachment store holds: a refusal must not leave one behind.</summary>
    public async Task<int> StoredPayloadsAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in Services.GetRequiredService<SubmissionGateway.Protection.Attachments.IAttachmentStore>().ListAsync(cancellationToken))
        {
            count++;
        }

        return count;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Protection:DataFolder", DataFolder);
        builder.UseSetting("PayerRegistry:AllowInsecureHttpForTesting", "true");
        builder.UseSetting("PayerRegistry:Payers:0:Endpoint", _payer.Url + "/x12");
        builder.UseSetting("Submissions:MaxBodyBytes", "65536");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
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

        GC.SuppressFinalize(this);
    }
}
