using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Access;

public sealed class FaultMappingTests : IAsyncLifetime
{
    private readonly GatewayApiFactory _factory = new();
    private readonly Redaction.CapturedLogs _logs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_argument_exception_from_a_bug_is_a_bare_500_not_a_client_error()
    {
        using var client = WithFaults().CreateClient();

        using var response = await client.GetAsync(new Uri("/test-faults/bug", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var text = await response.Content.ReadAsStringAsync(Ct);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("/problems/internal-error");
        problem.TryGetProperty("detail", out _).ShouldBeFalse();
        text.ShouldNotContain(FaultsController.PatientInMessage);
        text.ShouldNotContain("ArgumentException");
        var logged = _logs.Lines.Single(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Category.EndsWith("RefusalProblems", StringComparison.Ordinal));
        logged.Message.ShouldContain("System.ArgumentException");
        logged.Message.ShouldContain(nameof(FaultsController.Bug), Case.Sensitive, "the stack trace is kept for whoever fixes the bug");
        _logs.Lines.ShouldAllBe(l => !l.Everything.Contains(FaultsController.PatientInMessage), "the message may quote a patient: it is redacted");
    }

    [Fact]
    public async Task A_refusal_is_a_400_with_its_own_type_and_the_message_for_the_client()
    {
        using var client = WithFaults().CreateClient();

        using var response = await client.GetAsync(new Uri("/test-faults/refused", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("/problems/sample-refusal");
        problem.GetProperty("detail").GetString().ShouldBe("The sample field is not valid.");
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithFaults() => _factory.WithWebHostBuilder(web =>
        web.ConfigureTestServices(services =>
        {
            services.AddControllers().AddApplicationPart(typeof(FaultsController).Assembly);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(_logs);
        }));
}
