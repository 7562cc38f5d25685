using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Tests.BadInput;

/// <summary>
/// One row per kind of bad input a user or an attacker sends, with the exact answer (status and problem type) it gets,
/// and for every row a check that nothing was stored (no new encrypted payload), recorded (no ledger entry, outbox item,
/// indexed claim or request document) or sent (the payer stand-in saw no request).
/// </summary>
public sealed class BadInputCatalogueTests(BadInputCatalogueTests.Gateway gateway) : IClassFixture<BadInputCatalogueTests.Gateway>
{
    private const string Submitter = Samples.OfficeVisitSubmitter;
    private const long SubmissionLimit = 65_536; // GatewayApiFactory's Submissions:MaxBodyBytes

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Rows() => [.. Catalogue.Keys];

    /// <summary>name → (what is sent, expected status, expected problem type or null when the answer has no body).</summary>
    private static readonly Dictionary<string, (Func<Gateway, Task<HttpResponseMessage>> Send, HttpStatusCode Status, string? Type)> Catalogue = new(StringComparer.Ordinal)
    {
        ["not X12 at all"] = (g => g.SubmitAsync("Dear payer, please pay."u8.ToArray()), HttpStatusCode.BadRequest, "/problems/not-x12"),
        ["truncated X12"] = (g => g.SubmitAsync(Fresh(Sample())[..300]), HttpStatusCode.OK, null),
        ["wrong delimiters (ISA declares | but the body uses *)"] = (g => g.SubmitAsync(Fresh(WithIsaByte(3, (byte)'|'))), HttpStatusCode.BadRequest, "/problems/not-x12"),
        ["ISA with the wrong length"] = (g => g.SubmitAsync(Fresh(Sample()).Where((_, i) => i != 20).ToArray()), HttpStatusCode.BadRequest, "/problems/not-x12"),
        ["nested ISA inside a functional group"] = (g => g.SubmitAsync(Fresh(NestedIsa())), HttpStatusCode.BadRequest, "/problems/not-x12"),
        // Found by fuzzing the intake: the first made re-reading the file for the payer fail (a 500); the second sent on
        // claims whose group the 999 rejects.
        ["bytes after the IEA that are not X12"] = (g => g.SubmitAsync([.. Fresh(Sample()), 0, 1, .. "hello"u8]), HttpStatusCode.BadRequest, "/problems/not-x12"),
        ["a functional group without its GE trailer"] = (g => g.SubmitAsync(Fresh(WithoutGroupTrailer())), HttpStatusCode.OK, null),
        ["a segment after the IEA"] = (g => g.SubmitAsync([.. Fresh(Sample()), .. "NTE*ADD*AFTER THE TRAILER~\n"u8]), HttpStatusCode.OK, null),
        ["a BIN length that lies (275 posted as a submission)"] = (g => g.SubmitAsync(Corpus("275/bad-bin-length.x12")), HttpStatusCode.OK, null),
        ["huge HL depth"] = (g => g.SubmitAsync(Fresh(DeepHierarchy())), HttpStatusCode.OK, null),
        ["a submitter id that is not the caller's"] = (g => g.SubmitAsync(Sample(), g.Token("submitter", "SGWOTHERBILLING")), HttpStatusCode.Forbidden, "/problems/submitter-mismatch"),
        ["a body that is not application/edi-x12"] = (g => g.SendAsync(HttpMethod.Post, "/submissions", new StringContent("ISA*00*", Encoding.UTF8, "text/plain"), g.Token("submitter", Submitter)), HttpStatusCode.UnsupportedMediaType, null),
        ["a 2 GB upload streamed without a length"] = (g => g.StreamedSubmissionAsync(2L << 30), HttpStatusCode.RequestEntityTooLarge, "/problems/too-large"),
        ["a JWT signed with none"] = (g => g.SubmitAsync(Sample(), UnsignedToken()), HttpStatusCode.Unauthorized, null),
        ["an expired token"] = (g => g.SubmitAsync(Sample(), g.ExpiredToken()), HttpStatusCode.Unauthorized, null),
        ["a token from another issuer's key"] = (g => g.SubmitAsync(Sample(), ForeignToken()), HttpStatusCode.Unauthorized, null),
        ["another coder's request"] = (g => g.UploadAsync("progress-note.png", Png, g.Token("coder", subject: "other-coder")), HttpStatusCode.NotFound, "/problems/request-not-found"),
        ["another coder's request, submitted"] = (g => g.SendAsync(HttpMethod.Post, $"/attachment-requests/{g.RequestId}/submit", new ByteArrayContent([]), g.Token("coder", subject: "other-coder")), HttpStatusCode.NotFound, "/problems/request-not-found"),
        ["a PDF that is a ZIP"] = (g => g.UploadAsync("operative-note.pdf", Zip), (HttpStatusCode)422, "/problems/content-not-recognized"),
        ["a path in the file name with no file at its end"] = (g => g.UploadAsync("../../etc/", Png), (HttpStatusCode)422, "/problems/file-name-invalid"),
        ["a Unicode confusable extension (Cyrillic er in .pdf) on a ZIP"] = (g => g.UploadAsync("operative-note.\u0440df", Zip), (HttpStatusCode)422, "/problems/content-not-recognized"),
        ["XML with an external entity"] = (g => g.UploadAsync("summary.xml", ExternalEntityXml), (HttpStatusCode)422, "/problems/format-not-allowed"),
        ["a zero-byte upload"] = (g => g.UploadAsync("progress-note.png", []), (HttpStatusCode)422, "/problems/content-not-recognized"),
        ["a PDF with JavaScript"] = (g => g.UploadAsync("operative-note.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n")), (HttpStatusCode)422, "/problems/pdf-javascript"),
        // Found by the third long PDF fuzzing run: accepted, but the rewrite of its stored rewrite could not be read.
        ["a damaged PDF with a stream that does not state its length"] = (g => g.UploadAsync("operative-note.pdf", Corpus("fuzz/pdf/pdf-rewrite-of-rewrite-unreadable.pdf")), (HttpStatusCode)422, "/problems/pdf-unreadable"),
        ["multipart without a boundary"] = (g => g.SendAsync(HttpMethod.Post, $"/attachment-requests/{g.RequestId}/documents", RawContent("x", "multipart/form-data"), g.Token("coder")), HttpStatusCode.UnsupportedMediaType, null),
        // Found by fuzzing the upload path (MultipartUploadFuzzTests): both were 500s.
        ["a multipart body that ends before its closing boundary"] = (g => g.SendAsync(HttpMethod.Post, $"/attachment-requests/{g.RequestId}/documents",
            RawContent("--b\r\nContent-Disposition: form-data; name=\"loinc\"\r\n\r\n11506-3", "multipart/form-data; boundary=b"), g.Token("coder")), HttpStatusCode.BadRequest, "/problems/bad-request"),
        ["a part header line of 20,000 characters"] = (g => g.SendAsync(HttpMethod.Post, $"/attachment-requests/{g.RequestId}/documents",
            RawContent("--b\r\nContent-Disposition: form-data; name=\"loinc\"" + new string('A', 20_000) + "\r\n\r\n11506-3\r\n--b--\r\n", "multipart/form-data; boundary=b"), g.Token("coder")), HttpStatusCode.BadRequest, "/problems/bad-request"),
        // Found by the in-process multipart campaign (MultipartReadingTests): the first two were 500s, the third read as
        // parts or refused depending on how the bytes arrived.
        ["a file name that cannot be decoded (filename* with no value)"] = (g => g.SendAsync(HttpMethod.Post, $"/attachment-requests/{g.RequestId}/documents",
            RawContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename*\r\n\r\n%PDF-1.7\r\n--b--\r\n", "multipart/form-data; boundary=b"), g.Token("coder")), HttpStatusCode.BadRequest, "/problems/bad-request"),
        ["a file name in a charset .NET refuses (filename*=UTF-7'')"] = (g => g.SendAsync(HttpMethod.Post, $"/attachment-requests/{g.RequestId}/documents",
            RawContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-7''%E2%80%AEfdp.exe\r\n\r\n%PDF-1.7\r\n--b--\r\n", "multipart/form-data; boundary=b"), g.Token("coder")),
            HttpStatusCode.BadRequest, "/problems/bad-request"),
        ["junk after a boundary, before its line ends"] = (g => g.SendAsync(HttpMethod.Post, $"/attachment-requests/{g.RequestId}/documents",
            RawContent(Encoding.Latin1.GetString(Corpus("fuzz/multipart/junk-after-boundary-line.bin")), "multipart/form-data; boundary=sgw-fuzz-boundary-7e1f"), g.Token("coder")),
            HttpStatusCode.BadRequest, "/problems/bad-request"),
        // Found by JsonAndQueryFuzzTests: a 500, because MVC filed the JSON error under a path ModelState refused to hold.
        ["a JSON property name of a hundred brackets, the body cut short"] = (g => g.SendAsync(HttpMethod.Post, "/attachment-requests",
            RawContent("{\"" + new string('[', 100) + new string(']', 100) + "payerId\":\"SGW", "application/json"), g.Token("coder")),
            HttpStatusCode.BadRequest, "https://tools.ietf.org/html/rfc9110#section-15.5.1"),
        ["the file before its fields"] = (g => g.UploadAsync("progress-note.png", Png, fieldsFirst: false), HttpStatusCode.BadRequest, null),
        ["a truncated resend under a used ISA13"] = (g => g.SubmitAsync(Sample()[..300]), HttpStatusCode.Conflict, "/problems/interchange-reused"),
        ["a corrected file under a used ISA13"] = (g => g.SubmitAsync(Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(Sample())
            .Replace("SGW-CLAIM-0002", "SGW-CLAIM-0009", StringComparison.Ordinal))), HttpStatusCode.Conflict, "/problems/interchange-reused"),
        ["another file under a used Idempotency-Key"] = (g => g.SubmitAsync(Fresh(Sample()), idempotencyKey: Gateway.FirstIdempotencyKey), HttpStatusCode.Conflict, "/problems/idempotency-key-reused"),
        ["a request that does not exist"] = (g => g.UploadAsync("progress-note.png", Png, requestId: "no-such-request"), HttpStatusCode.NotFound, "/problems/request-not-found"),
    };

    /// <summary>Rows that are read as X12 and answered 200 with the rejection inside the acknowledgment, and what it says.
    /// Such a submission is recorded with its encrypted original (the acknowledgment is reproduced from it), so these rows
    /// store exactly one payload; nothing is indexed, recorded in the ledger or sent.</summary>
    private static readonly Dictionary<string, string> BodyMarkers = new(StringComparer.Ordinal)
    {
        ["a BIN length that lies (275 posted as a submission)"] = "TA1*000000201*261121*1015*R*023~",
        ["truncated X12"] = "*R*023~",
        ["a segment after the IEA"] = "\"accepted\":false,\"reasons\":[\"The interchange envelope was rejected (see the TA1).\"],\"forwarded\":false",
        ["a functional group without its GE trailer"] = "\"accepted\":false,\"reasons\":[\"The functional group holding this claim was rejected (see the 999).\"],\"forwarded\":false",
        ["huge HL depth"] = "\"accepted\":false,\"reasons\":[\"The transaction set holding this claim was rejected (see the 999).\"],\"forwarded\":false",
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_bad_input_gets_its_exact_answer_and_leaves_nothing_behind(string row)
    {
        await gateway.ReadyAsync();
        var (send, status, type) = Catalogue[row];
        var before = await gateway.TraceAsync();

        using var response = await send(gateway);

        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, body);
        if (type is not null)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            JsonDocument.Parse(body).RootElement.GetProperty("type").GetString().ShouldBe(type);
        }

        if (BodyMarkers.TryGetValue(row, out var marker))
        {
            body.ShouldContain(marker);
        }

        body.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        var after = await gateway.TraceAsync();
        after.Recorded.ShouldBe(before.Recorded, "nothing recorded or sent");
        after.Stored.ShouldBe(before.Stored + (BodyMarkers.ContainsKey(row) ? 1 : 0), "nothing stored but a rejected submission's original");
    }

    [Fact]
    public async Task A_damaged_pdf_is_answered_with_what_the_coder_can_do_about_it()
    {
        await gateway.ReadyAsync();

        using var response = await gateway.UploadAsync("operative-note.pdf", Corpus("fuzz/pdf/pdf-rewrite-of-rewrite-unreadable.pdf"));

        response.StatusCode.ShouldBe((HttpStatusCode)422);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("/problems/pdf-unreadable");
        var detail = problem.GetProperty("detail").GetString();
        detail.ShouldStartWith("The PDF is damaged");
        detail.ShouldContain("Re-save it or print it to PDF, then upload again.");
    }

    [Fact]
    public async Task The_same_interchange_again_under_another_idempotency_key_is_a_replay_not_a_second_disclosure()
    {
        await gateway.ReadyAsync();
        var before = await gateway.TraceAsync();

        using var response = await gateway.SubmitAsync(Sample(), idempotencyKey: Guid.NewGuid().ToString("N"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayed").GetBoolean().ShouldBeTrue();
        (await gateway.TraceAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_2_GB_upload_is_refused_after_the_server_read_at_most_the_limit_and_a_buffer()
    {
        var read = new StrongBox<long>();
        await using var gatewayFactory = new GatewayApiFactory();
        await using var counted = gatewayFactory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new CountingFilter(read))));
        using var client = counted.CreateClient();
        var content = new GeneratedContent(2L << 30);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/submissions") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gatewayFactory.Token("submitter", Submitter));

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        // Through the test server the 413 can come from the body size feature before the application reads a byte.
        read.Value.ShouldBeLessThanOrEqualTo(SubmissionLimit + (1 << 20));
    }

    [Fact]
    public async Task A_payer_endpoint_on_plain_http_stops_the_gateway_at_start_up_with_a_message()
    {
        await using var gatewayFactory = new GatewayApiFactory();
        await using var insecure = gatewayFactory.WithWebHostBuilder(b =>
        {
            b.UseSetting("PayerRegistry:AllowInsecureHttpForTesting", "false");
            b.UseSetting("PayerRegistry:Payers:0:Endpoint", "http://payer.invalid/x12");
        });

        var failure = Should.Throw<Exception>(() => insecure.CreateClient());

        failure.ToString().ShouldContain("the endpoint must use https (got http)");
    }

    private static byte[] Sample() => File.ReadAllBytes(Samples.OfficeVisit);

    private static int _nextControlNumber = 500;

    /// <summary>The sample under a control number of its own: the gateway refuses a different body under a known ISA13
    /// (409 interchange-reused), so a row meant for the reader needs an ISA13 nobody used.</summary>
    private static byte[] Fresh(byte[] bytes) => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes)
        .Replace("000000101", Interlocked.Increment(ref _nextControlNumber).ToString("D9", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    private static byte[] Corpus(string relative)
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Samples.OfficeVisit))!;
        return File.ReadAllBytes(Path.Combine(root, "tests", "corpus", relative));
    }

    private static byte[] WithIsaByte(int index, byte value)
    {
        var bytes = Sample();
        bytes[index] = value;
        return bytes;
    }

    private static byte[] WithoutGroupTrailer() =>
        Encoding.Latin1.GetBytes(System.Text.RegularExpressions.Regex.Replace(Encoding.Latin1.GetString(Sample()), "GE\\*[^~]*~\n?", ""));

    private static byte[] NestedIsa()
    {
        var text = Encoding.Latin1.GetString(Sample());
        var isa = text[..text.IndexOf('~', StringComparison.Ordinal)];
        var st = text.IndexOf("ST*", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text[..st] + isa.Replace("000000001", "000000777", StringComparison.Ordinal) + "~\n" + text[st..]);
    }

    private static byte[] DeepHierarchy()
    {
        var text = Encoding.Latin1.GetString(Sample());
        var hl = text.IndexOf("HL*", StringComparison.Ordinal);
        var chain = string.Concat(Enumerable.Range(1000, 2000).Select(i => $"HL*{i}*{i - 1}*22*1~\n"));
        return Encoding.Latin1.GetBytes(text[..hl] + chain + text[hl..]);
    }

    private static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private static byte[] Zip => [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0, .. "operative-note.pdf"u8.ToArray()];

    private static byte[] ExternalEntityXml => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><ClinicalDocument>&x;</ClinicalDocument>");

    private static ByteArrayContent RawContent(string text, string mediaType)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return content;
    }

    private static string UnsignedToken()
    {
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part(new { alg = "none", typ = "JWT" }) + "." + Part(new Dictionary<string, object>
        {
            ["iss"] = TokenOptions.LocalIssuer, ["aud"] = TokenOptions.DefaultAudience, ["sub"] = "forger", ["role"] = "submitter",
            ["submitter_id"] = Submitter, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 600,
        }) + ".";
    }

    private static string ForeignToken() => Signed(new byte[32], DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10));

    private static string Signed(byte[] key, DateTime issued, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = TokenOptions.LocalIssuer,
        Audience = TokenOptions.DefaultAudience,
        IssuedAt = issued,
        NotBefore = issued,
        Expires = expires,
        Claims = new Dictionary<string, object> { ["sub"] = "late-billing-system", [GatewayPolicies.RoleClaim] = "submitter", [GatewayPolicies.SubmitterIdClaim] = Submitter },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });

    /// <summary>The gateway under test with one accepted submission and one open request, so later rows must not add to them.</summary>
    public sealed class Gateway : IAsyncLifetime
    {
        /// <summary>The key the first (sample) submission is posted under.</summary>
        public const string FirstIdempotencyKey = "catalogue-first-submission";

        private readonly GatewayApiFactory _factory = new();
        private readonly SemaphoreSlim _ready = new(1, 1);
        private bool _prepared;

        public string RequestId { get; private set; } = "";

        public long LastStreamedBytes { get; private set; }

        public string Token(string role, string? submitterId = null, string? subject = null) => _factory.Token(role, submitterId, subject: subject);

        public string ExpiredToken() => Signed(
            DataFolderSecret.LoadOrCreate(Path.Combine(_factory.DataFolder, "keys", TokenOptions.LocalKeyFileName), 32),
            DateTime.UtcNow.AddMinutes(-30), DateTime.UtcNow.AddMinutes(-10));

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public async Task ReadyAsync()
        {
            await _ready.WaitAsync(Ct);
            try
            {
                if (_prepared)
                {
                    return;
                }

                using (var first = await SubmitAsync(Sample(), idempotencyKey: FirstIdempotencyKey))
                {
                    first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
                }

                using var coder = Client(_factory.Token("coder"));
                using var created = await coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), new
                {
                    payerId = "SGWPAYER01",
                    claimId = "SGW-CLAIM-0001",
                    patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
                    serviceDateFrom = "2026-11-01",
                    serviceDateTo = "2026-11-01",
                    purpose = "Appeal",
                    documentTypes = new Dictionary<string, int> { ["11506-3"] = 5 },
                }, Ct);
                created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
                RequestId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

                // Let the outbox worker deliver the first submission, so its payer request is counted before any row runs.
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (DateTime.UtcNow < deadline && (_factory.PayerRequestCount == 0 || await PendingAsync() > 0))
                {
                    await Task.Delay(100, Ct);
                }

                // The delivery outcome is appended to the ledger after the outbox item is settled.
                await Task.Delay(1000, Ct);

                _prepared = true;
            }
            finally
            {
                _ready.Release();
            }
        }

        /// <summary>What a refused input must not change: stored payloads, ledger entries, outbox items, indexed claims,
        /// request documents, requests the payer received.</summary>
        public async Task<(int Stored, string Recorded)> TraceAsync()
        {
            await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
            return (await _factory.StoredPayloadsAsync(Ct), $"ledger {await db.DisclosureEntries.CountAsync(Ct)}, " +
                   $"outbox {await db.OutboxItems.CountAsync(Ct)}, claims {await db.Set<SubmissionGateway.Claims.IndexedClaim>().CountAsync(Ct)}, " +
                   $"documents {await db.RequestDocuments.CountAsync(Ct)}, sent {_factory.PayerRequestCount}");
        }

        private async Task<int> PendingAsync()
        {
            await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
            return await db.OutboxItems.CountAsync(o => o.Status == SubmissionGateway.Forwarding.OutboxStatus.Pending, Ct);
        }

        public Task<HttpResponseMessage> SubmitAsync(byte[] body, string? token = null, string? idempotencyKey = null)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
            return SendAsync(HttpMethod.Post, "/submissions", content, token ?? _factory.Token("submitter", Submitter), idempotencyKey);
        }

        public async Task<HttpResponseMessage> StreamedSubmissionAsync(long length)
        {
            var content = new GeneratedContent(length);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
            try
            {
                return await SendAsync(HttpMethod.Post, "/submissions", content, _factory.Token("submitter", Submitter));
            }
            finally
            {
                LastStreamedBytes = content.Produced;
            }
        }

        public async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] file, string? token = null, bool fieldsFirst = true, string? requestId = null)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            if (!fieldsFirst)
            {
                form.Add(part, "file", fileName);
            }

            foreach (var (name, value) in new[] { ("loinc", "11506-3"), ("patientName", "TESTPATIENT, JANE Q"), ("memberId", "SGW00012345"),
                         ("birthDate", "1980-01-15"), ("claimId", "SGW-CLAIM-0001"), ("serviceDate", "2026-11-01") })
            {
                form.Add(new StringContent(value, Encoding.UTF8), name);
            }

            if (fieldsFirst)
            {
                form.Add(part, "file", fileName);
            }

            return await SendAsync(HttpMethod.Post, $"/attachment-requests/{requestId ?? RequestId}/documents", form, token ?? _factory.Token("coder"));
        }

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent content, string token, string? idempotencyKey = null)
        {
            using var client = Client(token);
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            return await client.SendAsync(request, Ct);
        }

        public async ValueTask DisposeAsync()
        {
            _ready.Dispose();
            await _factory.DisposeAsync();
        }

        private HttpClient Client(string token)
        {
            var client = _factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }

    /// <summary>Counts what the application reads of each request body, below everything else.</summary>
    private sealed class CountingFilter(StrongBox<long> read) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                context.Request.Body = new CountingStream(context.Request.Body, read);
                await following(context);
            });
            next(app);
        };
    }

    private sealed class CountingStream(Stream inner, StrongBox<long> read) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            Interlocked.Add(ref read.Value, bytes);
            return bytes;
        }
    }

    /// <summary>A body of the given length generated as it is sent (never held in memory), counting what the server pulled.
    /// Stops producing at 64 MiB: a server that reads that far has already failed the test.</summary>
    private sealed class GeneratedContent(long length) : HttpContent
    {
        private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("NTE*ADD*SYNTHETIC FILLER~", 656)));

        public long Produced { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) => await SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            while (Produced < length && Produced < (64L << 20))
            {
                var size = (int)Math.Min(Chunk.Length, length - Produced);
                try
                {
                    await stream.WriteAsync(Chunk.AsMemory(0, size), cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Produced += size;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
