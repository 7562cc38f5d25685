using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Authorization;

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so a new controller or page is included) called as
/// every role, against resources owned by "submitter" and "coder" (so "other-submitter" and "other-coder" are the
/// callers for whom the resource is someone else's). The expected answers are in <see cref="Expected"/>, keyed by
/// method and route pattern: an endpoint missing from the table, or carrying neither a named policy nor an explicit
/// [AllowAnonymous], fails with its name.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string SubmitterId = Samples.OfficeVisitSubmitter;

    // Callers in an order where the owner comes last, so a refused other's call cannot have spent the owner's resource
    // (a request is submitted once).
    private static readonly string[] Roles = ["anonymous", "admin", "compliance", "other-submitter", "submitter", "other-coder", "coder"];

    /// <summary>The expected status per caller. 401: no token; 403: the role's policy refuses; 404: someone else's
    /// resource is not even confirmed to exist.</summary>
    private static readonly Dictionary<string, Dictionary<string, HttpStatusCode>> Expected = new(StringComparer.Ordinal)
    {
        ["GET /health/live"] = Everyone(HttpStatusCode.OK),
        ["GET /health/ready"] = Everyone(HttpStatusCode.OK),
        ["POST /submissions"] = Row(submitter: HttpStatusCode.OK, otherSubmitter: HttpStatusCode.Forbidden),
        ["GET /submissions/{id}"] = Row(submitter: HttpStatusCode.OK, otherSubmitter: HttpStatusCode.NotFound),
        ["POST /attachment-requests"] = Row(coder: HttpStatusCode.Created, otherCoder: HttpStatusCode.Created),
        ["GET /attachment-requests/{id}"] = Row(coder: HttpStatusCode.OK, otherCoder: HttpStatusCode.NotFound),
        ["POST /attachment-requests/{id}/documents"] = Row(coder: HttpStatusCode.Created, otherCoder: HttpStatusCode.Forbidden),
        // Reading another coder's request answers 404, but writing to it answers 403 request-assigned-elsewhere (documented
        // in the API README); that tells the other coder the request exists. Kept as is here, raised in issue 7's note.
        ["POST /attachment-requests/{id}/submit"] = Row(coder: HttpStatusCode.OK, otherCoder: HttpStatusCode.Forbidden),
        ["GET /compliance/accounting"] = Row(compliance: HttpStatusCode.OK),
        ["POST /compliance/ledger/verify"] = Row(compliance: HttpStatusCode.OK),
    };

    private readonly GatewayApiFactory _factory = new();
    private string _submissionId = "";
    private string _requestId = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var submitter = Client("submitter");
        using var submission = await submitter.SendAsync(SubmissionPost(), Ct);
        submission.StatusCode.ShouldBe(HttpStatusCode.OK, await submission.Content.ReadAsStringAsync(Ct));
        _submissionId = (await submission.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("submissionId").ToString();

        using var coder = Client("coder");
        using var request = await coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), NewRequest(), Ct);
        request.StatusCode.ShouldBe(HttpStatusCode.Created, await request.Content.ReadAsStringAsync(Ct));
        _requestId = (await request.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public void Every_endpoint_is_in_the_table_and_names_a_policy_or_allows_anonymous_explicitly()
    {
        var endpoints = Endpoints();
        var problems = new List<string>();
        foreach (var (key, endpoint) in endpoints)
        {
            if (!Expected.ContainsKey(key))
            {
                problems.Add($"{key}: a new endpoint; add its row to AuthorizationMatrixTests.Expected");
            }

            var allowsAnonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            if (!allowsAnonymous && policies.Count == 0)
            {
                problems.Add($"{key}: neither [Authorize(Policy = ...)] nor an explicit [AllowAnonymous]");
            }
        }

        problems.AddRange(Expected.Keys.Except(endpoints.Select(e => e.Key), StringComparer.Ordinal).Select(k => $"{k}: in the table but not mapped"));
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_role_gets_the_expected_answer_from_every_endpoint()
    {
        var endpoints = Endpoints();
        var mismatches = new List<string>();
        var calls = 0;
        foreach (var (key, _) in endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!Expected.TryGetValue(key, out var row))
            {
                mismatches.Add($"{key}: not in the table");
                continue;
            }

            foreach (var role in Roles)
            {
                using var client = Client(role);
                using var response = await client.SendAsync(RequestFor(key), Ct);
                calls++;
                if (response.StatusCode != row[role])
                {
                    mismatches.Add($"{key} as {role}: {(int)response.StatusCode} expected {(int)row[role]} {await response.Content.ReadAsStringAsync(Ct)}");
                }
                else if ((int)response.StatusCode is 403 or 404 && response.Content.Headers.ContentLength is > 0)
                {
                    // A refusal carries a problem document, never the resource.
                    response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", key + " as " + role);
                }
            }
        }

        mismatches.ShouldBeEmpty(string.Join("\n", mismatches));
        calls.ShouldBe(Expected.Count * Roles.Length);
    }

    private List<(string Key, RouteEndpoint Endpoint)> Endpoints()
    {
        using var _ = _factory.CreateClient();
        return _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => ($"{method} /{e.RoutePattern.RawText?.TrimStart('/')}", e)))
            .ToList();
    }

    private HttpRequestMessage RequestFor(string key)
    {
        var (method, pattern) = (key[..key.IndexOf(' ', StringComparison.Ordinal)], key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = pattern.Replace("{id}", pattern.StartsWith("/submissions", StringComparison.Ordinal) ? _submissionId : _requestId, StringComparison.Ordinal);
        return key switch
        {
            "POST /submissions" => SubmissionPost(),
            "POST /attachment-requests" => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(NewRequest()) },
            "POST /attachment-requests/{id}/documents" => new HttpRequestMessage(HttpMethod.Post, path) { Content = Document() },
            "GET /compliance/accounting" => new HttpRequestMessage(HttpMethod.Get, path + "?memberId=SGW00012345&birthDate=1980-01-15&from=2000-01-01&to=2100-01-01"),
            _ => new HttpRequestMessage(new HttpMethod(method), path),
        };
    }

    private static HttpRequestMessage SubmissionPost()
    {
        var content = new ByteArrayContent(File.ReadAllBytes(Samples.OfficeVisit));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        return new HttpRequestMessage(HttpMethod.Post, "/submissions") { Content = content };
    }

    private static object NewRequest() => new
    {
        payerId = "SGWPAYER01",
        claimId = "SGW-CLAIM-0001",
        patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
        serviceDateFrom = "2026-11-01",
        serviceDateTo = "2026-11-01",
        purpose = "Appeal",
        documentTypes = new Dictionary<string, int> { ["11506-3"] = 3 },
    };

    private static MultipartFormDataContent Document()
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new[] { ("loinc", "11506-3"), ("patientName", "TESTPATIENT, JANE Q"), ("memberId", "SGW00012345"),
                     ("birthDate", "1980-01-15"), ("claimId", "SGW-CLAIM-0001"), ("serviceDate", "2026-11-01") })
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "progress-note.png");
        return form;
    }

    private HttpClient Client(string role)
    {
        var client = _factory.CreateClient();
        var token = role switch
        {
            "anonymous" => null,
            "submitter" => _factory.Token("submitter", SubmitterId),
            "other-submitter" => _factory.Token("submitter", "SGWOTHERBILLING", subject: "other-billing-system"),
            "coder" => _factory.Token("coder"),
            "other-coder" => _factory.Token("coder", subject: "other-coder"),
            _ => _factory.Token(role),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static Dictionary<string, HttpStatusCode> Everyone(HttpStatusCode status) => Roles.ToDictionary(r => r, _ => status, StringComparer.Ordinal);

    /// <summary>A row where only the named roles get in; anonymous callers get 401 and every other role 403.</summary>
    private static Dictionary<string, HttpStatusCode> Row(HttpStatusCode? submitter = null, HttpStatusCode? otherSubmitter = null,
        HttpStatusCode? coder = null, HttpStatusCode? otherCoder = null, HttpStatusCode? compliance = null)
    {
        var row = Roles.ToDictionary(r => r, r => r == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, StringComparer.Ordinal);
        row["submitter"] = submitter ?? HttpStatusCode.Forbidden;
        row["other-submitter"] = otherSubmitter ?? HttpStatusCode.Forbidden;
        row["coder"] = coder ?? HttpStatusCode.Forbidden;
        row["other-coder"] = otherCoder ?? HttpStatusCode.Forbidden;
        row["compliance"] = compliance ?? HttpStatusCode.Forbidden;
        return row;
    }
}
