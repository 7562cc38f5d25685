using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SubmissionGateway.Api.Hosting;

namespace SubmissionGateway.Api.Authorization;

public static class GatewayAuthorizationExtensions
{
    /// <summary>
    /// JWT bearer and client-certificate authentication behind one default scheme, and deny-by-default authorization:
    /// every endpoint needs a user unless it says otherwise.
    /// </summary>
    public static IServiceCollection AddGatewayAuthorization(this IServiceCollection services, IConfiguration configuration, string keyFolder)
    {
        var tokens = configuration.GetSection(TokenOptions.SectionName).Get<TokenOptions>() ?? new TokenOptions();
        services.AddOptions<BillingClientOptions>().Bind(configuration.GetSection(BillingClientOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BillingClientOptions>, BillingClientOptionsValidator>();
        services.AddSingleton<BillingClientRegistry>();
        var clientAuthorityPath = configuration["Transport:ClientCertificateAuthorityPath"];
        services.AddAuthentication(GatewaySchemes.Gateway)
            .AddPolicyScheme(GatewaySchemes.Gateway, "Bearer token or client certificate", o =>
            {
                // A token, when sent, always decides: a billing system behind a proxy that also presents a certificate
                // cannot override a user's token with it. On console pages without either, the person's console cookie
                // is who the request is: the revocation check and the per-client rate limit then see that person, instead
                // of counting every coder behind one office address as one anonymous caller and missing a revoked one.
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? GatewaySchemes.Bearer
                    : context.Connection.ClientCertificate is not null ? GatewaySchemes.Certificate
                    : context.Request.Path.StartsWithSegments(Console.ConsoleHostingExtensions.PathPrefix, StringComparison.Ordinal) ? Console.ConsoleAuthentication.Scheme
                    : GatewaySchemes.Bearer;
                o.ForwardChallenge = GatewaySchemes.Bearer;
            })
            .AddCertificate(o =>
            {
                // Only certificates chained to a configured authority; self-signed ones are never a billing system.
                o.AllowedCertificateTypes = CertificateTypes.Chained;
                o.ValidateCertificateUse = true;
                o.ValidateValidityPeriod = true;
                o.RevocationMode = X509RevocationMode.NoCheck;
                if (!string.IsNullOrWhiteSpace(clientAuthorityPath) && File.Exists(clientAuthorityPath))
                {
                    var authorities = new X509Certificate2Collection();
                    authorities.ImportFromPemFile(clientAuthorityPath);
                    o.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
                    o.CustomTrustStore = authorities;
                }

                o.Events = new CertificateAuthenticationEvents { OnCertificateValidated = AdmitBillingClient };
            })
            .AddJwtBearer(o =>
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

    /// <summary>A valid certificate is not enough: it must belong to a registered billing system, which becomes a submitter.</summary>
    private static Task AdmitBillingClient(CertificateValidatedContext context)
    {
        var registry = context.HttpContext.RequestServices.GetRequiredService<BillingClientRegistry>();
        if (registry.Find(context.ClientCertificate) is not { } client)
        {
            context.Fail("The client certificate is not registered to a billing system.");
            return Task.CompletedTask;
        }

        Claim[] claims =
        [
            new("sub", client.ClientId),
            new(GatewayPolicies.RoleClaim, GatewayPolicies.Submitter),
            new(GatewayPolicies.SubmitterIdClaim, client.SubmitterId.Trim()),
            new(GatewaySchemes.CertificateThumbprintClaim, context.ClientCertificate.GetCertHashString(HashAlgorithmName.SHA256)),
        ];
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, GatewaySchemes.Certificate, "sub", GatewayPolicies.RoleClaim));
        context.Success();
        return Task.CompletedTask;
    }
}
