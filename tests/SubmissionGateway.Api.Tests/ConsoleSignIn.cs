using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace SubmissionGateway.Api.Tests;

/// <summary>
/// A client holding the console cookie, signed in as a person does: the sign-in page's form with its anti-forgery
/// token and the person's token. Over https, because the cookies are __Host- (Secure).
/// </summary>
internal static partial class ConsoleSignIn
{
    private const string SignInPath = "/console/signin";

    public static HttpClient CreateConsoleClient(this GatewayApiFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    public static async Task SignInAsync(this HttpClient client, string token, CancellationToken cancellationToken)
    {
        var page = await client.GetStringAsync(new Uri(SignInPath, UriKind.Relative), cancellationToken);
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        antiforgery.ShouldNotBeNullOrEmpty();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["returnUrl"] = "/console",
            ["__RequestVerificationToken"] = antiforgery,
        });
        using var signIn = await client.PostAsync(new Uri(SignInPath, UriKind.Relative), form, cancellationToken);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync(cancellationToken));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
