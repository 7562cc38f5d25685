using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using SubmissionGateway.Api.Authorization;

namespace SubmissionGateway.Api.Console;

/// <summary>
/// The console's own cookie scheme. The API never accepts the cookie (it keeps bearer tokens), so a page cannot be
/// used to forge API calls; the pages never accept a bearer token.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "Console";

    public const string OpenIdScheme = "ConsoleOidc";

    /// <summary>Any signed-in console user, whatever the role: pages that show no PHI and only route onwards.</summary>
    public const string UserPolicy = "console-user";

    /// <summary>When the person signed in; the absolute lifetime counts from here, whatever the sliding renewals do.</summary>
    internal const string SignedInItem = ".sgw.signedIn";

    /// <summary>
    /// Checks a pasted token exactly as the API's bearer scheme would (same key or authority, issuer, audience,
    /// lifetime) and returns the person it names, or null with the reason.
    /// </summary>
    public static async Task<(ClaimsPrincipal? User, string? Problem)> ValidateTokenAsync(
        IOptionsMonitor<JwtBearerOptions> bearers, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bearers);
        var bearer = bearers.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = bearer.TokenValidationParameters.Clone();
        if (bearer.ConfigurationManager is { } manager)
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            parameters.IssuerSigningKeys = configuration.SigningKeys;
        }

        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token.Trim(), parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (null, result.Exception is Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException
                ? "That token has expired. Ask for a new one and sign in again."
                : "That token was not accepted. Check that you pasted all of it, or ask for a new one.");
        }

        var subject = result.ClaimsIdentity.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return (null, "That token does not name a person.");
        }

        return (Principal(result.ClaimsIdentity.Claims), null);
    }

    /// <summary>Only what the policies read is kept in the cookie: the person, their roles, a submitter id.</summary>
    internal static ClaimsPrincipal Principal(IEnumerable<Claim> claims)
    {
        var kept = claims.Where(c => c.Type is "sub" or GatewayPolicies.RoleClaim or GatewayPolicies.SubmitterIdClaim)
            .Select(c => new Claim(c.Type, c.Value)).ToList();
        return new ClaimsPrincipal(new ClaimsIdentity(kept, Scheme, "sub", GatewayPolicies.RoleClaim));
    }

    internal static Task ValidatePrincipalAsync(CookieValidatePrincipalContext context, ConsoleOptions options, TimeProvider time)
    {
        if (context.Properties.Items.TryGetValue(SignedInItem, out var value) && long.TryParse(value, out var signedInMs)
            && time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(signedInMs) < options.AbsoluteLifetime)
        {
            return Task.CompletedTask;
        }

        context.RejectPrincipal();
        return context.HttpContext.SignOutAsync(Scheme);
    }

    internal static AuthenticationProperties SignInProperties(TimeProvider time) => new()
    {
        IsPersistent = false,
        AllowRefresh = true,
        Items = { [SignedInItem] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };
}
