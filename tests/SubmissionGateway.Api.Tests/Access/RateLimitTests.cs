using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Access;

public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["RateLimits:PermitsPerWindow"] = "2",
        ["RateLimits:Window"] = "00:05:00",
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_retry_after_and_nothing_is_stored_while_other_clients_go_on()
    {
        using var busy = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter, subject: "busy-billing"));
        using var calm = Client(_factory.Token("submitter", Samples.OfficeVisitSubmitter, subject: "calm-billing"));
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await busy.GetAsync(new Uri("/submissions/none", UriKind.Relative), Ct);
            allowed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var refused = await busy.PostAsync(new Uri("/submissions", UriKind.Relative), content, Ct);
        using var other = await calm.GetAsync(new Uri("/submissions/none", UriKind.Relative), Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("type").GetString().ShouldBe("/problems/rate-limited");
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        retryAfter.ShouldNotBeNull();
        retryAfter.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound, "another client has its own allowance");
        (await _factory.CountsAsync(Ct)).ShouldBe((0, 0));
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Requests_without_credentials_count_against_their_address_not_against_a_client()
    {
        using var anonymous = _factory.CreateClient();
        using var client = Client(_factory.Token("coder", subject: "coder-ann"));
        for (var i = 0; i < 3; i++)
        {
            using var unauthenticated = await anonymous.GetAsync(new Uri("/submissions/none", UriKind.Relative), Ct);
            unauthenticated.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var coder = await client.GetAsync(new Uri("/attachment-requests/none", UriKind.Relative), Ct);

        coder.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Console_pages_count_against_the_signed_in_person_not_against_the_office_address()
    {
        // Coders behind one office address share it; with the console cookie each counts as themselves.
        await using var factory = new GatewayApiFactory(new Dictionary<string, string?>
        {
            ["RateLimits:AnonymousPermitsPerWindow"] = "3",
            ["RateLimits:PermitsPerWindow"] = "50",
            ["RateLimits:Window"] = "00:05:00",
        });
        using var coder = factory.CreateConsoleClient();
        await coder.SignInAsync(factory.Token("coder", subject: "coder-office-1"), Ct); // two anonymous requests
        for (var i = 0; i < 6; i++)
        {
            using var page = await coder.GetAsync(new Uri("/console/requests", UriKind.Relative), Ct);
            page.StatusCode.ShouldBe(HttpStatusCode.OK, $"console page {i + 1} counts against the coder's own allowance");
        }

        using var colleague = factory.CreateConsoleClient();
        using var lastAnonymous = await colleague.GetAsync(new Uri("/console/signin", UriKind.Relative), Ct);
        using var overAnonymous = await colleague.GetAsync(new Uri("/console/signin", UriKind.Relative), Ct);

        lastAnonymous.StatusCode.ShouldBe(HttpStatusCode.OK, "the address had one anonymous request left: the coder's pages did not use it");
        overAnonymous.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
