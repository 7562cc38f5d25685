extern alias fuzzing;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using fuzzing::SubmissionGateway.Fuzzing.Mutation;
using fuzzing::SubmissionGateway.Fuzzing.Running;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Fuzzing;

/// <summary>
/// The multipart upload path through the whole app in-process: the multipart campaign's upload bodies, mutated (byte
/// flips, truncation, splices, repeated and inserted parts, lying boundaries, header and file-name injections; see
/// MultipartMutator), posted to an open request. The reading alone runs far faster in MultipartReadingTests.
/// Properties: never a 5xx, every refusal is a problem document, and a refused upload stores nothing.
/// Fewer inputs than the X12 campaign: each is a full HTTP request. CI sends 300; a long run sets
/// SGW_MULTIPART_FUZZ_INPUTS (a fresh request, with a fresh token, every 500 inputs, so neither the request's quota nor the
/// token's lifetime ends the campaign's accepted side).
/// </summary>
public sealed class MultipartUploadFuzzTests : IAsyncLifetime
{
    private const string Seed = "0WwrDN1JcER1";
    private const int InputsPerRequest = 500;

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
        var inputs = FuzzCampaign.Inputs(MultipartSeeds.All(), MultipartMutator.Mutate);
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
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + MultipartSeeds.Boundary);
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

    [Theory]
    [InlineData("filename-star-without-value.bin")] // was a 500: ASP.NET threw decoding filename* with no value
    [InlineData("filename-star-in-utf-7.bin")] // was a 500: ASP.NET asked .NET for UTF-7, which it refuses
    [InlineData("junk-after-boundary-line.bin")] // read as parts or refused, depending on how the bytes arrived
    public async Task Every_body_the_multipart_campaign_found_is_answered_with_a_400_and_stores_nothing(string file)
    {
        var stored = await _factory.StoredPayloadsAsync(Ct);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(SeedCorpus.Folder, "fuzz", "multipart", file), Ct));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + MultipartSeeds.Boundary);

        using var response = await _coder.PostAsync(new Uri($"/attachment-requests/{_requestId}/documents", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString().ShouldBe("The multipart body is malformed.");
        (await _factory.StoredPayloadsAsync(Ct)).ShouldBe(stored);
    }
}
