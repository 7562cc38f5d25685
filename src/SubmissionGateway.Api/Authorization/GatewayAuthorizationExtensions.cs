using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using SubmissionGateway.Api.Hosting;

namespace SubmissionGateway.Api.Authorization;

public static class GatewayAuthorizationExtensions
{
    /// <summary>JWT bearer authentication and deny-by-default authorization: every endpoint needs a user unless it says otherwise.</summary>
    public static IServiceCollection AddGatewayAuthorization(this IServiceCollection services, IConfiguration configuration, string keyFolder)
    {
        var tokens = configuration.GetSection(TokenOptions.SectionName).Get<TokenOptions>() ?? new TokenOptions();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidAudience = tokens.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
                RoleClaimType = GatewayPolicies.RoleClaim,
            };
            if (tokens.Authority is not null)
            {
                o.Authority = tokens.Authority.ToString();
                o.TokenValidationParameters.ValidIssuer = tokens.Issuer ?? tokens.Authority.ToString();
            }
            else
            {
                var keyFile = tokens.SigningKeyFile ?? Path.Combine(keyFolder, TokenOptions.LocalKeyFileName);
                o.TokenValidationParameters.ValidIssuer = tokens.Issuer ?? TokenOptions.LocalIssuer;
                o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(DataFolderSecret.LoadOrCreate(keyFile, 32));
                o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(GatewayPolicies.Submitter, p => p.RequireAuthenticatedUser()
                .RequireRole(GatewayPolicies.Submitter)
                .RequireAssertion(c => !string.IsNullOrWhiteSpace(c.User.FindFirst(GatewayPolicies.SubmitterIdClaim)?.Value)))
            .AddPolicy(GatewayPolicies.Coder, p => p.RequireAuthenticatedUser().RequireRole(GatewayPolicies.Coder))
            .AddPolicy(GatewayPolicies.Compliance, p => p.RequireAuthenticatedUser().RequireRole(GatewayPolicies.Compliance))
            .AddPolicy(GatewayPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(GatewayPolicies.Admin));
        return services;
    }
}
