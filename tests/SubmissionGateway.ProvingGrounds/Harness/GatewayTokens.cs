using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Protection;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>Tokens signed with the data folder's local key, minted as <c>sgw dev-token</c> mints them.</summary>
internal static class GatewayTokens
{
    public static string Mint(string dataFolder, string role, string? submitterId = null)
    {
        var key = DataFolderSecret.LoadOrCreate(LocalGatewayTokens.KeyFile(dataFolder), 32);
        var claims = new Dictionary<string, object> { ["sub"] = $"proving-{role}", [GatewayPolicies.RoleClaim] = role };
        if (submitterId is not null)
        {
            claims[GatewayPolicies.SubmitterIdClaim] = submitterId;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LocalGatewayTokens.Issuer,
            Audience = LocalGatewayTokens.Audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(2),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
