using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SubmissionGateway.Api.Console;

namespace SubmissionGateway.Api.Pages.Console;

/// <summary>
/// Sign-in with a real credential: a token the API itself would accept, exchanged once for a short-lived console
/// cookie. With an OpenID Connect authority configured, the page hands over to it instead.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(IOptionsMonitor<JwtBearerOptions> bearers, IOptions<ConsoleOptions> options, TimeProvider time) : PageModel
{
    public string? Problem { get; private set; }

    public string? Notice { get; private set; }

    public string ReturnUrl { get; private set; } = "/console";

    public IActionResult OnGet(string? returnUrl, bool expired = false, bool signedOut = false)
    {
        ReturnUrl = Local(returnUrl);
        if (options.Value.Authority is not null && !expired && !signedOut)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, ConsoleAuthentication.OpenIdScheme);
        }

        Notice = expired ? "You were signed out after a period without activity. Sign in again to continue."
            : signedOut ? "You have signed out." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? token, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = Local(returnUrl);
        if (string.IsNullOrWhiteSpace(token) || token.Length > 8192)
        {
            Problem = "Paste your access token to sign in.";
            return Page();
        }

        var (user, problem) = await ConsoleAuthentication.ValidateTokenAsync(bearers, token, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuthentication.Scheme, user, ConsoleAuthentication.SignInProperties(time)).ConfigureAwait(false);
        return LocalRedirect(ReturnUrl);
    }

    // Only console paths: a sign-in link must never send someone elsewhere.
    private static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/console";
}
