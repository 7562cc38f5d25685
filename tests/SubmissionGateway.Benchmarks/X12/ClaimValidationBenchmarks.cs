using BenchmarkDotNet.Attributes;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Benchmarks.X12;

/// <summary>
/// Validation of a 10 MB 837P (about 20,000 claims) against a baseline that only scans the same bytes for segment
/// terminators, so the ratio is the cost of validation over the cheapest possible pass:
/// SNIP 1–2 alone (what a 999 needs), and SNIP 1–5 with the typed claim views, claim edits and the built-in code sets.
/// Run: dotnet run -c Release --project tests/SubmissionGateway.Benchmarks -- --filter '*ClaimValidation*'
/// </summary>
[MemoryDiagnoser]
public class ClaimValidationBenchmarks
{
    private byte[] _file = [];
    private X12Validator _syntax = null!;
    private X12Validator _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = LargeClaimFile.Build(10 * 1024 * 1024);
        _syntax = new X12Validator(GuideCatalog.Embedded, new X12ValidatorOptions { TypedViews = false });
        _full = new X12Validator(GuideCatalog.Embedded, new X12ValidatorOptions { CodeSets = CodeSetCatalog.BuiltIn });
        foreach (var validator in new[] { _syntax, _full })
        {
            var report = validator.Validate(new MemoryStream(_file));
            if (!report.Accepted)
            {
                throw new InvalidOperationException("The benchmark file must be valid: " + report.Findings.FirstOrDefault()?.Message);
            }
        }
    }

    [Benchmark(Baseline = true, Description = "scan for segment terminators")]
    public int ScanTerminators() => _file.AsSpan().Count((byte)'~');

    [Benchmark(Description = "SNIP 1-2 (999 only)")]
    public int ValidateSyntax() => _syntax.Validate(new MemoryStream(_file)).Transactions.Count();

    [Benchmark(Description = "SNIP 1-5 with claim views and edits")]
    public int ValidateClaims() => _full.Validate(new MemoryStream(_file)).Transactions.Sum(t => t.Claims.Count);
}
