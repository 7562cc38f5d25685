using System.Net;
using Shouldly;

namespace SubmissionGateway.Api.Tests;

public sealed class HealthTests(GatewayApiFactory factory) : IClassFixture<GatewayApiFactory>
{
    [Fact]
    public async Task Liveness_answers_healthy()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        // Liveness checks nothing but the process: a failing dependency must not get the container restarted.
        body.RootElement.GetProperty("checks").EnumerateObject().ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_details_404_for_an_authenticated_caller()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", factory.Token("coder"));
        using var response = await client.GetAsync(new Uri("/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Unknown_route_is_a_401_problem_for_an_anonymous_caller()
    {
        // Deny by default reaches routes that do not exist: an anonymous caller learns nothing about the route table.
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
