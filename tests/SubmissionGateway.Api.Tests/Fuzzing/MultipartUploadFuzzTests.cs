using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Fuzzing;

/// <summary>
/// The multipart upload path through the whole app in-process: a valid upload body, mutated (byte flips, truncation,
/// repeated and inserted parts, lying boundaries, header and file-name injections), posted to an open request.
/// Properties: never a 5xx, every refusal is a problem document, and a refused upload stores nothing.
/// Fewer inputs than the X12 campaign: each is a full HTTP request. CI sends 300; a long run sets
/// SGW_MULTIPART_FUZZ_INPUTS (a fresh request, with a fresh token, every 500 inputs, so neither the request's quota nor the
/// token's lifetime ends the campaign's accepted side).
/// </summary>
public sealed class MultipartUploadFuzzTests : IAsyncLifetime
{
    private const string Boundary = "sgw-fuzz-boundary-7e1f";
    private const string Seed = "0WwrDN1JcER1";
    private const int InputsPerRequest = 500;

    private static readonly byte[][] Tokens =
    [
        "\r\n"u8.ToArray(), "--"u8.ToArray(), Encoding.ASCII.GetBytes("\r\n--" + Boundary + "\r\n"), Encoding.ASCII.GetBytes("\r\n--" + Boundary + "--\r\n"),
        "Content-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd.pdf\"\r\n\r\n"u8.ToArray(),
        "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%E2%80%AEfdp.exe\r\n\r\n"u8.ToArray(),
        "Content-Type: application/pdf\r\nX-Injected: 1\r\n"u8.ToArray(), "%PDF-1.7\n"u8.ToArray(), "PK\u0003\u0004"u8.ToArray(), [0], [0xFF],
        Encoding.ASCII.GetBytes(new string('A', 2000)),
    ];

    // The per-client rate limit has its own tests; here it would answer a long run with 429s instead of the upload path.
    private readonly GatewayApiFactory _factory = new(new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });
    private HttpClient _coder = null!;
    private string _requestId = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _coder = _factory.CreateClient();
        _requestId = await OpenRequestAsync();
    }

    private async Task<string> OpenRequestAsync()
    {
        // A long run outlasts a token: each new request comes with a fresh one.
        _coder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _factory.Token("coder"));
        using var created = await _coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), new
        {
            payerId = "SGWPAYER01",
            claimId = "SGW-CLAIM-0001",
            patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
            serviceDateFrom = "2026-11-01",
            serviceDateTo = "2026-11-01",
            purpose = "Appeal",
            documentTypes = new Dictionary<string, int> { ["11506-3"] = 1000 },
        }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _coder.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public void Mutated_multipart_uploads_never_fail_the_server_and_refusals_store_nothing()
    {
        var valid = ValidBody();
        var inputs = Gen.Select(Gen.Int[0, 4], Gen.ULong, (operations, seed) => Mutate(valid, operations, seed));
        var statuses = new Dictionary<int, int>();
        var count = int.TryParse(Environment.GetEnvironmentVariable("SGW_MULTIPART_FUZZ_INPUTS"), out var n) && n > 0 ? n : 300;
        var sent = 0;

        inputs.Sample(body =>
        {
            if (++sent % InputsPerRequest == 0)
            {
                _requestId = OpenRequestAsync().GetAwaiter().GetResult();
            }

            var stored = _factory.StoredPayloadsAsync(Ct).GetAwaiter().GetResult();
            using var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + Boundary);
            using var response = _coder.PostAsync(new Uri($"/attachment-requests/{_requestId}/documents", UriKind.Relative), content, Ct).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }

            if (status >= 500)
            {
                throw new InvalidOperationException($"{status} for a mutated upload: {response.Content.ReadAsStringAsync(Ct).GetAwaiter().GetResult()}");
            }

            if (status != 201)
            {
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"a {status} answer");
                _factory.StoredPayloadsAsync(Ct).GetAwaiter().GetResult().ShouldBe(stored, $"a {status} refusal left a payload behind");
            }
        }, seed: Environment.GetEnvironmentVariable("CsCheck_Seed") ?? Seed, iter: count, threads: 1, print: b => $"{b.Length} bytes: {Encoding.Latin1.GetString(b[..Math.Min(b.Length, 400)])}");

        // The campaign reached both sides of the gate: some mutated uploads still pass, others are refused.
        statuses.GetValueOrDefault(201).ShouldBeGreaterThan(0);
        statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value).ShouldBeGreaterThan(0);
        TestContext.Current.TestOutputHelper?.WriteLine($"{sent:N0} inputs: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value:N0}")));
    }

    private static byte[] ValidBody()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in new[] { ("loinc", "11506-3"), ("patientName", "TESTPATIENT, JANE Q"), ("memberId", "SGW00012345"),
                     ("birthDate", "1980-01-15"), ("claimId", "SGW-CLAIM-0001"), ("serviceDate", "2026-11-01") })
        {
            text.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }

        text.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"progress-note.png\"\r\nContent-Type: image/png\r\n\r\n");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
        return [.. Encoding.ASCII.GetBytes(text.ToString()), .. png, .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n")];
    }

    private static byte[] Mutate(byte[] body, int operations, ulong seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        for (var i = 0; i < operations; i++)
        {
            var at = random.Next(body.Length + 1);
            body = random.Next(5) switch
            {
                0 => Flip(body, random),
                1 => body[..at],
                2 => [.. body.AsSpan(0, at), .. Tokens[random.Next(Tokens.Length)], .. body.AsSpan(at)],
                3 => [.. body.AsSpan(0, at), .. body.AsSpan(random.Next(body.Length + 1))],
                _ => [.. body.AsSpan(0, at), .. body, .. body.AsSpan(at)],
            };
        }

        return body;
    }

    private static byte[] Flip(byte[] body, Random random)
    {
        var copy = (byte[])body.Clone();
        if (copy.Length > 0)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }
}
