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
/// The whole intake through the app: the X12 campaign's mutated 837s posted to <c>POST /submissions</c>, each with a
/// fresh interchange control number and Idempotency-Key, by a submitter whose token names the interchange's sender,
/// so mutated files get past the envelope checks into validation, routing, re-enveloping for the payer, the store and
/// the ledger. (The X12 campaign fuzzes the reader and validator alone, far faster.) Properties: never a 5xx, refusals
/// are problem documents without a stack trace, an answered 200 is a JSON submission result. CI posts 200 files;
/// SGW_SUBMISSION_FUZZ_INPUTS=N a longer run, SGW_FUZZ_FRESH_SEED=1 with inputs CI has not tried.
/// </summary>
public sealed class SubmissionFuzzTests : IAsyncLifetime
{
    private const string Seed = "4VfXw1rSPdA2";

    private readonly GatewayApiFactory _factory = new(new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });
    private HttpClient _client = null!;
    private int _interchange = 700_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public void Mutated_837s_never_fail_the_intake() => Campaign("837", "/submissions", minimumAnswered: 5);

    /// <summary>The 275s answer the sample 837's claims, posted first, so mutated attachments reach the matching.</summary>
    [Fact]
    public async Task Mutated_275s_never_fail_the_attachment_intake()
    {
        using var claims = await PostAsync("/submissions", await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        claims.StatusCode.ShouldBe(HttpStatusCode.OK);

        Campaign("275", "/attachments", minimumAnswered: 50);
    }

    /// <summary>Posts mutated corpus files of one transaction set; at least 1/<paramref name="minimumAnswered"/> of them must be answered 200.</summary>
    private void Campaign(string transactionSet, string path, int minimumAnswered)
    {
        var seeds = SeedCorpus.X12().Where(file => Encoding.Latin1.GetString(file).Contains(transactionSet, StringComparison.Ordinal)).ToList();
        var statuses = new SortedDictionary<int, int>();
        var count = int.TryParse(Environment.GetEnvironmentVariable("SGW_SUBMISSION_FUZZ_INPUTS"), out var n) && n > 0 ? n : 200;
        var seed = Environment.GetEnvironmentVariable("CsCheck_Seed") ?? (Environment.GetEnvironmentVariable("SGW_FUZZ_FRESH_SEED") == "1" ? null : Seed);

        FuzzCampaign.Inputs(seeds, X12Mutator.Mutate).Sample(input =>
        {
            using var response = PostAsync(path, WithInterchangeNumber(input, ++_interchange)).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = response.Content.ReadAsStringAsync(Ct).GetAwaiter().GetResult();
            status.ShouldBeLessThan(500, text);
            text.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
            response.Content.Headers.ContentType?.MediaType.ShouldBe(status == 200 ? "application/json" : "application/problem+json", $"a {status} answer: {text}");
        }, seed: seed, iter: count, threads: 1, print: b => $"{b.Length} bytes: {Encoding.Latin1.GetString(b[..Math.Min(b.Length, 300)])}");

        // Mutated files reach both answers: a result (accepted or rejected inside its acknowledgments) and a refusal.
        statuses.GetValueOrDefault(200).ShouldBeGreaterThan(count / minimumAnswered);
        statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value).ShouldBeGreaterThan(0);
        TestContext.Current.TestOutputHelper?.WriteLine($"{count:N0} {transactionSet}s: " + string.Join(", ", statuses.Select(s => $"{s.Key} x{s.Value:N0}")));
    }

    /// <summary>An X12 post by a submitter whose token names the interchange's sender, under a key of its own.</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _factory.Token("submitter", submitterId: Sender(body) ?? "SGWDEMOBILLING"));
        request.Headers.Add("Idempotency-Key", $"fuzz-{++_interchange}");
        return await _client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_claim_in_a_file_cut_off_after_it_is_answered_but_never_sent()
    {
        // Found by this campaign (a 500): the file ends inside its last segment, so the TA1 and the 999 reject its
        // envelope and group, but its one claim passed its own edits and was routed; writing the payer's copy then failed.
        var body = await File.ReadAllBytesAsync(Path.Combine(SeedCorpus.Folder, "fuzz", "submissions", "cut-off-after-its-claim.x12"), Ct);
        var before = await _factory.CountsAsync(Ct);

        using var response = await PostAsync("/submissions", body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var claim = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("claims").EnumerateArray().ShouldHaveSingleItem();
        claim.GetProperty("accepted").GetBoolean().ShouldBeFalse();
        claim.GetProperty("forwarded").GetBoolean().ShouldBeFalse();
        claim.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldContain(r => r!.Contains("could not be read to its end", StringComparison.Ordinal));
        (await _factory.CountsAsync(Ct)).Outbox.ShouldBe(before.Outbox, "nothing queued for a payer");
    }

    /// <summary>ISA13 (and IEA02, when they matched) set to <paramref name="number"/>, so a file is never refused as a resend.</summary>
    private static byte[] WithInterchangeNumber(byte[] input, int number)
    {
        if (!IsaElements(input, out var separator, out var starts) || starts[13] + 9 > input.Length || input[starts[13] + 9] != separator)
        {
            return input;
        }

        var copy = (byte[])input.Clone();
        var old = Encoding.ASCII.GetString(copy, starts[13], 9);
        var digits = Encoding.ASCII.GetBytes(number.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
        digits.CopyTo(copy, starts[13]);
        var iea = Encoding.Latin1.GetString(copy).LastIndexOf($"IEA{(char)separator}", StringComparison.Ordinal);
        var count = iea < 0 ? -1 : Encoding.Latin1.GetString(copy).IndexOf((char)separator, iea + 4);
        if (count > 0 && count + 10 <= copy.Length && Encoding.ASCII.GetString(copy, count + 1, 9) == old)
        {
            digits.CopyTo(copy, count + 1);
        }

        return copy;
    }

    /// <summary>ISA06, the interchange's sender, which the submitter's token must name.</summary>
    private static string? Sender(byte[] input) =>
        IsaElements(input, out var separator, out var starts) && Array.IndexOf(input, separator, starts[6]) is var end and > 0
            ? Encoding.Latin1.GetString(input, starts[6], end - starts[6]).Trim()
            : null;

    private static bool IsaElements(byte[] input, out byte separator, out int[] starts)
    {
        starts = new int[17];
        separator = input.Length > 3 ? input[3] : (byte)0;
        if (input.Length < 106 || !input.AsSpan(0, 3).SequenceEqual("ISA"u8))
        {
            return false;
        }

        var element = 0;
        for (var i = 3; i < 106 && element < 16; i++)
        {
            if (input[i] == separator)
            {
                starts[++element] = i + 1;
            }
        }

        return element == 16;
    }
}
