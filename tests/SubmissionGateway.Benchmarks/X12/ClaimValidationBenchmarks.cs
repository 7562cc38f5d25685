using BenchmarkDotNet.Attributes;
using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Benchmarks.X12;

/// <summary>
/// SNIP 1–2 validation of a 10 MB 837P (thousands of claims) against a baseline that only scans the same bytes
/// for segment terminators: the ratio is the cost of validation over the cheapest possible pass.
/// Run: dotnet run -c Release --project tests/SubmissionGateway.Benchmarks -- --filter '*ClaimValidation*'
/// </summary>
[MemoryDiagnoser]
public class ClaimValidationBenchmarks
{
    private byte[] _file = [];
    private X12Validator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = LargeClaimFile.Build(10 * 1024 * 1024);
        _validator = new X12Validator(GuideCatalog.Embedded);
        var report = _validator.Validate(new MemoryStream(_file));
        if (!report.Accepted)
        {
            throw new InvalidOperationException("The benchmark file must be valid: " + report.Findings.FirstOrDefault()?.Message);
        }
    }

    [Benchmark(Baseline = true, Description = "scan for segment terminators")]
    public int ScanTerminators() => _file.AsSpan().Count((byte)'~');

    [Benchmark(Description = "validate SNIP 1-2 with claim views")]
    public int Validate() => _validator.Validate(new MemoryStream(_file)).Transactions.Sum(t => t.Claims.Count);
}
