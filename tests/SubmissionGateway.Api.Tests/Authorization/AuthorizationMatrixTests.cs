using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Api.Tests.Attachments;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Tests.Authorization;

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so a new controller or page is included) called as
/// every role, against resources owned by "submitter" and "coder" (so "other-submitter" and "other-coder" are the
/// callers for whom the resource is someone else's). The expected answers are in <see cref="Expected"/>, keyed by
/// method and route pattern: an endpoint missing from the table, or carrying neither a named policy nor an explicit
/// [AllowAnonymous], fails with its name. The console pages (cookie scheme "Console") are called with bearer tokens here,
/// which they never accept; <see cref="Every_role_signed_in_to_the_console_gets_only_its_own_pages"/> signs in per role.
/// The matrix runs in Development, so /openapi and /scalar are mapped and open; EndpointSecurityTests checks that they
/// are absent outside Development.
/// </summary>
public sealed partial class AuthorizationMatrixTests : IAsyncLifetime
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
        // One route, two actions told apart by content type: the plain 837 and the multipart bundle (837 + 275s). The
        // bundle re-sends the 837 and 275 already accepted (idempotent: the owner gets 200); another billing system's
        // token is refused as submitter-mismatch.
        ["POST /submissions [application/edi-x12]"] = Row(submitter: HttpStatusCode.OK, otherSubmitter: HttpStatusCode.Forbidden),
        ["POST /submissions [multipart/form-data]"] = Row(submitter: HttpStatusCode.OK, otherSubmitter: HttpStatusCode.Forbidden),
        ["GET /submissions/{id}"] = Row(submitter: HttpStatusCode.OK, otherSubmitter: HttpStatusCode.NotFound),
        ["POST /attachment-requests"] = Row(coder: HttpStatusCode.Created, otherCoder: HttpStatusCode.Created),
        ["GET /attachment-requests/{id}"] = Row(coder: HttpStatusCode.OK, otherCoder: HttpStatusCode.NotFound),
        ["POST /attachment-requests/{id}/documents"] = Row(coder: HttpStatusCode.Created, otherCoder: HttpStatusCode.NotFound),
        // Another coder's request is not even confirmed to exist: reading, writing and submitting all answer 404.
        ["POST /attachment-requests/{id}/submit"] = Row(coder: HttpStatusCode.OK, otherCoder: HttpStatusCode.NotFound),
        ["GET /compliance/accounting"] = Row(compliance: HttpStatusCode.OK),
        ["POST /compliance/ledger/verify"] = Row(compliance: HttpStatusCode.OK),
        ["POST /compliance/incidents"] = Row(compliance: HttpStatusCode.Created),
        ["GET /compliance/access-review"] = Row(compliance: HttpStatusCode.OK),

        // Direct 275: another billing system's token with this interchange (ISA06 SGWDEMOBILLING) is refused as
        // submitter-mismatch (403).
        ["POST /attachments"] = Row(submitter: HttpStatusCode.OK, otherSubmitter: HttpStatusCode.Forbidden),

        // A 277RFAI addressed (ISA08) to another billing system is a 422 that opens nothing: the refusal for another
        // submitter is decided by the interchange's addressee, after the submitter policy admitted the caller.
        ["POST /attachment-requests/from-277rfai"] = Row(submitter: HttpStatusCode.Created, otherSubmitter: HttpStatusCode.UnprocessableEntity),

        // A coder's list holds only the requests assigned to them: the other coder gets 200 with an empty list
        // (checked in A_coders_list_holds_only_the_requests_assigned_to_them).
        ["GET /attachment-requests"] = Row(coder: HttpStatusCode.OK, otherCoder: HttpStatusCode.OK),

        // The unassigned queue and assignment are a supervisor's (admin) job; assign is called on the request the
        // 277RFAI opened, handing it to the coder.
        ["GET /attachment-requests/unassigned"] = Row(admin: HttpStatusCode.OK),
        ["POST /attachment-requests/{id}/assign"] = Row(admin: HttpStatusCode.OK),

        ["POST /admin/revocations"] = Row(admin: HttpStatusCode.Created),
        ["GET /admin/revocations"] = Row(admin: HttpStatusCode.OK),
        ["GET /admin/payers"] = Row(admin: HttpStatusCode.OK),

        // Development only (the matrix runs in Development): the API description is open, it holds no PHI.
        ["GET /openapi/{documentName}.json"] = Everyone(HttpStatusCode.OK),
        ["GET /scalar/{documentName?}"] = Everyone(HttpStatusCode.OK),
        ["GET /scalar/scalar.js"] = Everyone(HttpStatusCode.OK),
        ["GET /scalar/scalar.aspnetcore.js"] = Everyone(HttpStatusCode.OK),
        ["GET /scalar/favicon.svg"] = Everyone(HttpStatusCode.OK),

        // Console pages authenticate with the console cookie only: a bearer token is ignored, so every caller here is
        // sent to sign in (302 to /console/signin, no page content). The per-role answers with a cookie are in
        // ConsoleExpected.
        ["GET /console/signin"] = Everyone(HttpStatusCode.OK),
        // "Not available to you" answers 403 with a page (not a problem document) and names nothing.
        ["GET /console/denied"] = Everyone(HttpStatusCode.Forbidden),
        ["GET /console"] = Everyone(HttpStatusCode.Redirect),
        ["GET /console/signout"] = Everyone(HttpStatusCode.Redirect),
        ["GET /console/requests"] = Everyone(HttpStatusCode.Redirect),
        ["GET /console/requests/{id}"] = Everyone(HttpStatusCode.Redirect),
        ["GET /console/privacy/accounting"] = Everyone(HttpStatusCode.Redirect),
        ["GET /console/privacy/ledger"] = Everyone(HttpStatusCode.Redirect),
        ["GET /console/privacy/access-review"] = Everyone(HttpStatusCode.Redirect),
        ["GET /console/privacy/incident"] = Everyone(HttpStatusCode.Redirect),
    };

    private const string SignIn = "/console/signin";

    private const string Denied = "/console/denied";

    /// <summary>
    /// The answer per console role once signed in with the console cookie: 200 with the page, 302 to
    /// <see cref="SignIn"/> without a cookie, 302 to <see cref="Denied"/> for a role the page is not for, 404 for
    /// another coder's request. GET /console/signout only sends a signed-in user back to the start page.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, (HttpStatusCode Status, string? Location)>> ConsoleExpected = new(StringComparer.Ordinal)
    {
        ["GET /console/signin"] = ConsoleRow(everyone: HttpStatusCode.OK, anonymous: (HttpStatusCode.OK, null)),
        ["GET /console/denied"] = ConsoleRow(everyone: HttpStatusCode.Forbidden, anonymous: (HttpStatusCode.Forbidden, null)),
        ["GET /console"] = ConsoleRow(everyone: HttpStatusCode.OK),
        ["GET /console/signout"] = ConsoleRow(everyone: HttpStatusCode.Redirect, everyoneLocation: "/console"),
        ["GET /console/requests"] = ConsoleRow(coder: HttpStatusCode.OK, otherCoder: HttpStatusCode.OK),
        ["GET /console/requests/{id}"] = ConsoleRow(coder: HttpStatusCode.OK, otherCoder: HttpStatusCode.NotFound),
        ["GET /console/privacy/accounting"] = ConsoleRow(compliance: HttpStatusCode.OK),
        ["GET /console/privacy/ledger"] = ConsoleRow(compliance: HttpStatusCode.OK),
        ["GET /console/privacy/access-review"] = ConsoleRow(compliance: HttpStatusCode.OK),
        ["GET /console/privacy/incident"] = ConsoleRow(compliance: HttpStatusCode.OK),
    };

    private readonly GatewayApiFactory _factory = new();
    private string _submissionId = "";
    private string _requestId = "";
    private string _rfaiRequestId = "";
    private long _disclosureSequence;

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

        // An unassigned request opened by a payer's 277RFAI: the one the supervisor assigns.
        using var rfai = await submitter.SendAsync(RfaiPost(), Ct);
        rfai.StatusCode.ShouldBe(HttpStatusCode.Created, await rfai.Content.ReadAsStringAsync(Ct));
        _rfaiRequestId = (await rfai.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("id").GetString()!;

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        _disclosureSequence = await db.DisclosureEntries.AsNoTracking().Where(e => e.Kind == DisclosureEntryKind.Disclosure)
            .OrderBy(e => e.Sequence).Select(e => e.Sequence).FirstAsync(Ct);
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
                else if (key.StartsWith("GET /console", StringComparison.Ordinal))
                {
                    // A bearer token never opens a console page: the only way on is the sign-in page, and nothing of
                    // a request (let alone its patient) comes with any answer.
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath.ShouldBe(SignIn, key + " as " + role);
                    }

                    var page = await response.Content.ReadAsStringAsync(Ct);
                    page.ShouldNotContain("TESTPATIENT", Case.Insensitive, key + " as " + role);
                    page.ShouldNotContain(_requestId, Case.Sensitive, key + " as " + role);
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

    [Fact]
    public async Task Every_role_signed_in_to_the_console_gets_only_its_own_pages()
    {
        var mismatches = new List<string>();
        foreach (var role in Roles)
        {
            using var client = await ConsoleClientAsync(role);
            foreach (var (key, row) in ConsoleExpected.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                using var response = await client.GetAsync(new Uri(key[4..].Replace("{id}", _requestId, StringComparison.Ordinal), UriKind.Relative), Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                var (status, location) = row[role];
                var landed = response.Headers.Location is { } to ? new Uri(client.BaseAddress!, to).AbsolutePath : null;
                if (response.StatusCode != status || landed != location)
                {
                    mismatches.Add($"{key} as {role}: {(int)response.StatusCode} {landed} expected {(int)status} {location}");
                }

                // The coder's request (its patient) shows only on the coder's own pages.
                var ownRequestPage = role == "coder" && key.StartsWith("GET /console/requests", StringComparison.Ordinal);
                if (!ownRequestPage && (body.Contains("TESTPATIENT", StringComparison.OrdinalIgnoreCase) || body.Contains(_requestId, StringComparison.Ordinal)))
                {
                    mismatches.Add($"{key} as {role}: shows the coder's request");
                }
            }

            if (role != "anonymous")
            {
                // The console cookie is not an API credential: the API keeps bearer tokens (and certificates) only.
                using var api = await client.GetAsync(new Uri($"/attachment-requests/{_requestId}", UriKind.Relative), Ct);
                if (api.StatusCode != HttpStatusCode.Unauthorized)
                {
                    mismatches.Add($"GET /attachment-requests/{{id}} with the console cookie of {role}: {(int)api.StatusCode} expected 401");
                }
            }
        }

        mismatches.ShouldBeEmpty(string.Join("\n", mismatches));
    }

    [Fact]
    public void The_console_table_names_every_console_page()
    {
        Endpoints().Select(e => e.Key).Where(k => k.StartsWith("GET /console", StringComparison.Ordinal)).Distinct()
            .Order(StringComparer.Ordinal).ShouldBe(ConsoleExpected.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_coders_list_holds_only_the_requests_assigned_to_them()
    {
        using var coder = Client("coder");
        using var other = Client("other-coder");

        var mine = await coder.GetFromJsonAsync<JsonElement>(new Uri("/attachment-requests", UriKind.Relative), Ct);
        var theirs = await other.GetFromJsonAsync<JsonElement>(new Uri("/attachment-requests", UriKind.Relative), Ct);

        mine.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldContain(_requestId);
        theirs.GetArrayLength().ShouldBe(0);
    }

    /// <summary>A client holding the console cookie for the role (none for anonymous).</summary>
    private async Task<HttpClient> ConsoleClientAsync(string role)
    {
        var client = _factory.CreateConsoleClient();
        if (TokenFor(role) is { } token)
        {
            await client.SignInAsync(token, Ct);
        }

        return client;
    }

    /// <summary>Every endpoint as "METHOD /route"; where actions share a method and route (told apart by the content
    /// type they consume), each key ends with its first content type in brackets.</summary>
    private List<(string Key, RouteEndpoint Endpoint)> Endpoints()
    {
        using var _ = _factory.CreateClient();
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Key: $"{method} /{e.RoutePattern.RawText?.TrimStart('/')}", Endpoint: e)))
            .ToList();
        return [.. endpoints.GroupBy(e => e.Key, StringComparer.Ordinal).SelectMany(g => g.Count() == 1 ? g
            : g.Select(e => ($"{e.Key} [{e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.FirstOrDefault()}]", e.Endpoint)))];
    }

    private HttpRequestMessage RequestFor(string key)
    {
        var parts = key.Split(' ');
        var (method, pattern) = (parts[0], parts[1]);
        var id = pattern.StartsWith("/submissions", StringComparison.Ordinal) ? _submissionId
            : key == "POST /attachment-requests/{id}/assign" ? _rfaiRequestId
            : _requestId;
        var path = pattern.Replace("{id}", id, StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{documentName?}", "v1", StringComparison.Ordinal);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return key switch
        {
            "POST /submissions [application/edi-x12]" => SubmissionPost(),
            "POST /submissions [multipart/form-data]" => BundlePost(),
            "POST /attachment-requests" => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(NewRequest()) },
            "POST /attachment-requests/{id}/documents" => new HttpRequestMessage(HttpMethod.Post, path) { Content = Document() },
            "POST /attachment-requests/{id}/assign" => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { coder = "test-coder" }) },
            "POST /attachment-requests/from-277rfai" => RfaiPost(),
            "POST /attachments" => X12Post(path, Synthetic275.Unsolicited),
            "GET /compliance/accounting" => new HttpRequestMessage(HttpMethod.Get, path + "?memberId=SGW00012345&birthDate=1980-01-15&from=2000-01-01&to=2100-01-01"),
            "GET /compliance/access-review" => new HttpRequestMessage(HttpMethod.Get, $"{path}?from={today}&to={today}"),
            "POST /compliance/incidents" => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(Incident(_disclosureSequence)) },
            "POST /admin/revocations" => new HttpRequestMessage(HttpMethod.Post, path)
            {
                // A subject no test caller uses: revoking one of them would turn later rows into 401s.
                Content = JsonContent.Create(new { subject = "departed-coder", reason = "Left the practice." }),
            },
            _ => new HttpRequestMessage(new HttpMethod(method), path),
        };
    }

    /// <summary>The 837 with the unsolicited 275 answering its PWK, as one multipart post.</summary>
    private static HttpRequestMessage BundlePost()
    {
        var form = new MultipartFormDataContent();
        var claims = new ByteArrayContent(File.ReadAllBytes(Samples.OfficeVisit));
        claims.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        form.Add(claims, "claims", "claims.x12");
        var attachment = new ByteArrayContent(Encoding.Latin1.GetBytes(Synthetic275.Unsolicited));
        attachment.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        form.Add(attachment, "attachment", "attachment.x12");
        return new HttpRequestMessage(HttpMethod.Post, "/submissions") { Content = form };
    }

    private static HttpRequestMessage RfaiPost() =>
        X12Post("/attachment-requests/from-277rfai", File.ReadAllText(Samples.Corpus("277RFAI/valid-request-for-operative-note.x12"), Encoding.Latin1));

    private static HttpRequestMessage X12Post(string path, string x12)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(x12));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static object Incident(long sequence) => new
    {
        disclosureSequence = sequence,
        finding = "The claim was delivered to the wrong plan's portal.",
        riskAssessment = new
        {
            natureAndExtent = "One claim: name, member id, dates of service.",
            unauthorizedRecipient = "Another health plan, itself bound by HIPAA.",
            acquiredOrViewed = "The plan confirms the file was rejected unopened.",
            mitigation = "The plan attested deletion in writing.",
            conclusion = "LowProbabilityOfCompromise",
        },
    };

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
        // Over https as in production (the console's cookies are Secure); no redirects followed: a console page's answer to
        // a bearer token is the redirect itself.
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var token = TokenFor(role);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private string? TokenFor(string role) => role switch
        {
            "anonymous" => null,
            "submitter" => _factory.Token("submitter", SubmitterId),
            "other-submitter" => _factory.Token("submitter", "SGWOTHERBILLING", subject: "other-billing-system"),
            "coder" => _factory.Token("coder"),
            "other-coder" => _factory.Token("coder", subject: "other-coder"),
            _ => _factory.Token(role),
        };

    private static Dictionary<string, HttpStatusCode> Everyone(HttpStatusCode status) => Roles.ToDictionary(r => r, _ => status, StringComparer.Ordinal);

    /// <summary>
    /// A console row: without a cookie, a redirect to sign in (unless <paramref name="anonymous"/> says otherwise);
    /// signed in, <paramref name="everyone"/> for every role, or 200 for the named roles and a redirect to the "not
    /// available to you" page for the rest.
    /// </summary>
    private static Dictionary<string, (HttpStatusCode, string?)> ConsoleRow(HttpStatusCode? everyone = null, string? everyoneLocation = null,
        HttpStatusCode? coder = null, HttpStatusCode? otherCoder = null, HttpStatusCode? compliance = null, (HttpStatusCode, string?)? anonymous = null)
    {
        var refused = everyone is { } all ? (all, everyoneLocation) : (HttpStatusCode.Redirect, Denied);
        var row = Roles.ToDictionary(r => r, _ => ((HttpStatusCode, string?))refused, StringComparer.Ordinal);
        row["anonymous"] = anonymous ?? (HttpStatusCode.Redirect, SignIn);
        foreach (var (role, status) in new[] { ("coder", coder), ("other-coder", otherCoder), ("compliance", compliance) })
        {
            if (status is { } granted)
            {
                row[role] = (granted, null);
            }
        }

        return row;
    }

    /// <summary>A row where only the named roles get in; anonymous callers get 401 and every other role 403.</summary>
    private static Dictionary<string, HttpStatusCode> Row(HttpStatusCode? submitter = null, HttpStatusCode? otherSubmitter = null,
        HttpStatusCode? coder = null, HttpStatusCode? otherCoder = null, HttpStatusCode? compliance = null, HttpStatusCode? admin = null)
    {
        var row = Roles.ToDictionary(r => r, r => r == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, StringComparer.Ordinal);
        row["admin"] = admin ?? HttpStatusCode.Forbidden;
        row["submitter"] = submitter ?? HttpStatusCode.Forbidden;
        row["other-submitter"] = otherSubmitter ?? HttpStatusCode.Forbidden;
        row["coder"] = coder ?? HttpStatusCode.Forbidden;
        row["other-coder"] = otherCoder ?? HttpStatusCode.Forbidden;
        row["compliance"] = compliance ?? HttpStatusCode.Forbidden;
        return row;
    }
}
