using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;

namespace SubmissionGateway.Console.Tests;

/// <summary>
/// Automatic sign-out, on a clock the test moves: 15 minutes without a request ends the session, and so does the
/// absolute lifetime however busy the person is. No browser needed: the cookie is what is being tested.
/// </summary>
public sealed partial class ConsoleSessionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sgw-console-session-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Transport:DataFolder", Path.Combine(_folder, "transport"));
            web.UseSetting("Protection:DataFolder", Path.Combine(_folder, "gateway"));
            web.UseSetting("https_port", "443");
            web.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time));
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Fifteen_minutes_without_a_request_signs_the_person_out()
    {
        using var client = await SignedInAsync();
        _time.Advance(TimeSpan.FromMinutes(14));
        (await GetAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Each request slides the window: 14 more minutes is still inside it.
        _time.Advance(TimeSpan.FromMinutes(14));
        (await GetAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _time.Advance(TimeSpan.FromMinutes(16));
        using var expired = await GetAsync(client);
        expired.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        expired.Headers.Location!.ToString().ShouldContain("/console/signin");
    }

    [Fact]
    public async Task However_active_the_session_ends_after_its_absolute_lifetime_of_eight_hours()
    {
        using var client = await SignedInAsync();
        for (var minutes = 10; minutes < 8 * 60; minutes += 10)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            using var response = await GetAsync(client);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"after {minutes} minutes of activity");
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        using var ended = await GetAsync(client);
        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ended.Headers.Location!.ToString().ShouldContain("/console/signin");
    }

    [Fact]
    public async Task A_form_post_without_its_anti_forgery_token_is_refused()
    {
        using var client = await SignedInAsync();
        using var post = await client.PostAsync(new Uri("/console/signout", UriKind.Relative), new FormUrlEncodedContent([]), Ct);
        post.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await GetAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK, "the refused sign-out changed nothing");
    }

    private async Task<HttpResponseMessage> GetAsync(HttpClient client) =>
        await client.GetAsync(new Uri("/console/requests", UriKind.Relative), Ct);

    private async Task<HttpClient> SignedInAsync()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var page = await client.GetStringAsync(new Uri("/console/signin", UriKind.Relative), Ct);
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        antiforgery.ShouldNotBeNullOrEmpty();
        using var signIn = await client.PostAsync(new Uri("/console/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = Token(),
            ["returnUrl"] = "/console/requests",
            ["__RequestVerificationToken"] = antiforgery,
        }), Ct);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync(Ct));
        signIn.Headers.Location!.ToString().ShouldBe("/console/requests");
        (await GetAsync(client)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return client;
    }

    private string Token()
    {
        var key = DataFolderSecret.LoadOrCreate(Path.Combine(_folder, "gateway", "keys", TokenOptions.LocalKeyFileName), 32);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenOptions.LocalIssuer,
            Audience = TokenOptions.DefaultAudience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "coder-eve", [GatewayPolicies.RoleClaim] = "coder" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
