using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace SubmissionGateway.Api.Tests.OpenApi;

/// <summary>
/// The checked-in schemas/api/openapi.json is the document the running app serves (Development). After changing an
/// endpoint, regenerate it with: <c>SGW_UPDATE_OPENAPI=1 dotnet test tests/SubmissionGateway.Api.Tests --filter OpenApi</c>.
/// </summary>
public sealed class OpenApiDocumentTests(GatewayApiFactory factory) : IClassFixture<GatewayApiFactory>
{
    private const string UpdateVariable = "SGW_UPDATE_OPENAPI";
    private static readonly string[] ProblemStatuses = ["400", "401", "403", "429"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string CheckedIn => Path.Combine(Samples.RepositoryRoot, "schemas", "api", "openapi.json");

    [Fact]
    public async Task The_served_document_matches_the_checked_in_schema()
    {
        var served = Normalize(await FetchAsync());
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CheckedIn)!);
            await File.WriteAllTextAsync(CheckedIn, served, Ct);
            return;
        }

        File.Exists(CheckedIn).ShouldBeTrue($"{CheckedIn} is missing. Create it with: {UpdateVariable}=1 dotnet test tests/SubmissionGateway.Api.Tests --filter OpenApi");
        var expected = Normalize(JsonNode.Parse(await File.ReadAllTextAsync(CheckedIn, Ct))!);
        if (served != expected)
        {
            Assert.Fail($"""
                The API no longer matches schemas/api/openapi.json ({FirstDifference(expected, served)}).
                If the change is intended, regenerate the file and commit it:
                  {UpdateVariable}=1 dotnet test tests/SubmissionGateway.Api.Tests --filter OpenApi
                """);
        }
    }

    [Fact]
    public async Task Every_controller_action_appears_with_its_route_and_method()
    {
        var paths = (await FetchAsync())["paths"]!.AsObject();
        var actions = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>().ToList();
        actions.ShouldNotBeEmpty();

        var missing = new List<string>();
        foreach (var action in actions)
        {
            var path = "/" + action.AttributeRouteInfo!.Template!.Trim('/');
            var methods = action.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods) ?? [];
            foreach (var method in methods)
            {
                if (paths[path]?[method.ToLowerInvariant()] is null)
                {
                    missing.Add($"{method} {path} ({action.ControllerName}.{action.ActionName})");
                }
            }
        }

        missing.ShouldBeEmpty();
        // The attachment-request endpoints are only registered when configured: the document must include them.
        actions.ShouldContain(a => a.ControllerName == "AttachmentRequests");
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_answers_errors_with_problem_details()
    {
        var document = await FetchAsync();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                operation!["summary"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace(name);
                if (path.StartsWith("/health/", StringComparison.Ordinal))
                {
                    continue;
                }

                var responses = operation["responses"]!.AsObject();
                foreach (var status in ProblemStatuses)
                {
                    responses[status]?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>()
                        .ShouldBe("#/components/schemas/ProblemDetails", $"{name} {status}");
                }

                operation["security"]!.AsArray().ShouldNotBeEmpty(name);
            }
        }
    }

    [Fact]
    public async Task Raw_x12_and_multipart_bodies_are_described()
    {
        var paths = (await FetchAsync())["paths"]!;

        var submit = paths["/submissions"]!["post"]!;
        submit["requestBody"]!["content"]!["application/edi-x12"]!["schema"]!["type"]!.GetValue<string>().ShouldBe("string");
        submit["responses"]!["413"]!["content"]!["application/problem+json"].ShouldNotBeNull();
        submit["responses"]!["415"].ShouldNotBeNull();

        var upload = paths["/attachment-requests/{id}/documents"]!["post"]!;
        var form = upload["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        form["properties"]!["file"]!["format"]!.GetValue<string>().ShouldBe("binary");
        form["properties"]!.AsObject().Select(p => p.Key).ShouldBe(["loinc", "patientName", "memberId", "birthDate", "claimId", "serviceDate", "file"], ignoreOrder: true);
        upload["responses"]!["409"]!["content"]!["application/problem+json"].ShouldNotBeNull();
        upload["responses"]!["422"]!["content"]!["application/problem+json"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_security_schemes_are_bearer_and_mutual_tls()
    {
        var schemes = (await FetchAsync())["components"]!["securitySchemes"]!;

        schemes["Bearer"]!["type"]!.GetValue<string>().ShouldBe("http");
        schemes["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        schemes["ClientCertificate"]!["type"]!.GetValue<string>().ShouldBe("mutualTLS");
    }

    [Fact]
    public async Task The_scalar_reference_page_is_served_in_development()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
    }

    private async Task<JsonNode> FetchAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    /// <summary>Object members sorted by name, indented, LF line ends: the same document always prints the same.</summary>
    private static string Normalize(JsonNode node) =>
        Sorted(node)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static string FirstDifference(string expected, string served)
    {
        var a = expected.Split('\n');
        var b = served.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return $"line {i + 1}: expected `{a[i].Trim()}`, served `{b[i].Trim()}`";
            }
        }

        return $"the checked-in file has {a.Length} lines, the served document {b.Length}";
    }
}
