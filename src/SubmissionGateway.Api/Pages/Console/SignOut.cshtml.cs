using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SubmissionGateway.Api.Console;

namespace SubmissionGateway.Api.Pages.Console;

/// <summary>
/// Sign-out is a POST with an anti-forgery token: a link elsewhere cannot sign anyone out. The page authenticates with
/// the console scheme so the token is checked against the person it was issued to.
/// </summary>
[Authorize(Policy = ConsoleAuthentication.UserPolicy, AuthenticationSchemes = ConsoleAuthentication.Scheme)]
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuthentication.Scheme).ConfigureAwait(false);
        return Redirect("/console/signin?signedOut=true");
    }
}
