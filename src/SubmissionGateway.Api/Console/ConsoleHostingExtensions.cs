using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using SubmissionGateway.Api.Compliance;

namespace SubmissionGateway.Api.Console;

/// <summary>Wires the console pages (<c>/console</c>): their cookie scheme, anti-forgery, security headers and assets.</summary>
public static class ConsoleHostingExtensions
{
    public const string PathPrefix = "/console";

    private const string AssetPath = "/console/assets";

    public static IServiceCollection AddGatewayConsole(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConsoleOptions.SectionName);
        services.AddOptions<ConsoleOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<ConsoleOptions>() ?? new ConsoleOptions();

        services.AddRazorPages();
        services.AddAntiforgery(o =>
        {
            // __Host-: Secure, Path=/ and no Domain, so no sibling host can plant it.
            o.Cookie.Name = "__Host-sgw-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.HeaderName = "RequestVerificationToken";
        });
        services.TryAddAuditedAccounting();
        services.AddAuthorizationBuilder().AddPolicy(ConsoleAuthentication.UserPolicy, p => p
            .AddAuthenticationSchemes(ConsoleAuthentication.Scheme)
            .RequireAuthenticatedUser());

        var authentication = services.AddAuthentication().AddCookie(ConsoleAuthentication.Scheme, o =>
        {
            o.Cookie.Name = "__Host-sgw-console";
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = options.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = PathPrefix + "/signin";
            o.LogoutPath = PathPrefix + "/signout";
            o.AccessDeniedPath = PathPrefix + "/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = context => ConsoleAuthentication.ValidatePrincipalAsync(
                context,
                context.HttpContext.RequestServices.GetRequiredService<IOptions<ConsoleOptions>>().Value,
                context.HttpContext.RequestServices.GetRequiredService<TimeProvider>());
            if (options.Authority is not null)
            {
                o.ForwardChallenge = ConsoleAuthentication.OpenIdScheme;
            }
        });

        if (options.Authority is not null)
        {
            // Production: the organization's identity provider; its tokens carry the same role claim the API reads.
            authentication.AddOpenIdConnect(ConsoleAuthentication.OpenIdScheme, o =>
            {
                o.Authority = options.Authority.ToString();
                o.ClientId = options.ClientId;
                o.ClientSecret = options.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.SignInScheme = ConsoleAuthentication.Scheme;
                o.CallbackPath = PathPrefix + "/signin-oidc";
                o.SignedOutCallbackPath = PathPrefix + "/signout-oidc";
                o.TokenValidationParameters.NameClaimType = "sub";
                o.TokenValidationParameters.RoleClaimType = Authorization.GatewayPolicies.RoleClaim;
                o.Events.OnTicketReceived = context =>
                {
                    context.Principal = ConsoleAuthentication.Principal(context.Principal?.Claims ?? []);
                    var signedIn = ConsoleAuthentication.SignInProperties(context.HttpContext.RequestServices.GetRequiredService<TimeProvider>());
                    context.Properties!.Items[ConsoleAuthentication.SignedInItem] = signedIn.Items[ConsoleAuthentication.SignedInItem];
                    context.Properties.IsPersistent = false;
                    return Task.CompletedTask;
                };
            });
        }

        return services;
    }

    /// <summary>Security headers on every console response and the console's own script and style sheet.</summary>
    public static IApplicationBuilder UseGatewayConsole(this IApplicationBuilder app)
    {
        app.Use(static (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (!context.Request.Path.StartsWithSegments(AssetPath, StringComparison.OrdinalIgnoreCase))
                {
                    // Pages show PHI: never kept by the browser or a proxy.
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
            }

            return next(context);
        });

        // Embedded, so the assets travel with the assembly whatever the content root; served before authentication
        // because the sign-in page needs them too.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(ConsoleHostingExtensions).Assembly, "SubmissionGateway.Api.wwwroot.console"),
            RequestPath = AssetPath,
        });
        return app;
    }

    public static IEndpointRouteBuilder MapGatewayConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        return endpoints;
    }
}
