using BenchmarkDotNet.Attributes;
using SubmissionGateway.Benchmarks.X12;
using SubmissionGateway.Intake;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Benchmarks.Intake;

/// <summary>
/// Re-enveloping a 10 MB 837P (about 20,000 claims) per payer, the intake's own pass over the original, against a
/// baseline that only reads every segment with the same X12Reader. Claims alternate between two payers, so both
/// outputs carry half the claims with their billing provider and subscriber loops.
/// Run: dotnet run -c Release --project tests/SubmissionGateway.Benchmarks -- --filter '*PayerSplit*'
/// </summary>
[MemoryDiagnoser]
public class PayerSplitBenchmarks
{
    private byte[] _file = [];
    private Dictionary<long, string> _payerByOffset = [];
    private Dictionary<string, PayerEnvelope> _envelopes = [];

    [GlobalSetup]
    public void Setup()
    {
        _file = LargeClaimFile.Build(10 * 1024 * 1024);
        var report = new X12Validator(options: new X12ValidatorOptions { CodeSets = CodeSetCatalog.BuiltIn }).Validate(new MemoryStream(_file));
        var claims = report.Transactions.SelectMany(t => t.Claims).ToList();
        _payerByOffset = claims.Select((c, i) => (c.Offset, Payer: i % 2 == 0 ? "PAYERA" : "PAYERB")).ToDictionary(x => x.Offset, x => x.Payer);
        var now = DateTimeOffset.UtcNow;
        _envelopes = new Dictionary<string, PayerEnvelope>
        {
            ["PAYERA"] = new("PAYERA", 1, 2, now),
            ["PAYERB"] = new("PAYERB", 3, 4, now),
        };
        var outputs = Split();
        var total = outputs.Values.Sum(o => new X12Validator(options: new X12ValidatorOptions { CodeSets = CodeSetCatalog.BuiltIn })
            .Validate(new MemoryStream(o)).Transactions.Sum(t => t.Claims.Count(c => c.Accepted)));
        if (total != claims.Count)
        {
            throw new InvalidOperationException($"The split must keep every claim valid: {total} of {claims.Count}.");
        }

        Console.WriteLine($"// {claims.Count} claims, {_file.Length / (1024 * 1024)} MiB");
    }

    [Benchmark(Baseline = true, Description = "read every segment (X12Reader)")]
    public long ReadSegments()
    {
        using var reader = new X12Reader(new MemoryStream(_file));
        long count = 0;
        while (reader.Read())
        {
            count += reader.Segment.ElementCount;
        }

        return count;
    }

    [Benchmark(Description = "split per payer and re-envelope")]
    public int SplitPerPayer() => Split().Values.Sum(b => b.Length);

    private Dictionary<string, byte[]> Split() =>
        PayerInterchangeWriter.Write(new MemoryStream(_file), _payerByOffset, _envelopes, "ZZ", "SGWGATEWAY", CancellationToken.None);
}
