using BenchmarkDotNet.Attributes;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Benchmarks.X12;

/// <summary>
/// Validation of a 10 MB 837P (about 20,000 claims) against a baseline that only scans the same bytes for segment
/// terminators, so the ratio is the cost of validation over the cheapest possible pass:
/// SNIP 1–2 alone (what a 999 needs), and SNIP 1–5 with the typed claim views, claim edits and the code sets: the
/// official FY2026 ICD-10-CM and HCPCS files imported from ../shared/codesets when present (services fall in FY2026),
/// else the built-in lists (ICD-10-CM and HCPCS then checked for format only). SNIP 1–5 runs as configured by default
/// (a 10 MB file gets the claim lane: claim views and edits on a second thread) and on one thread.
/// Run: dotnet run -c Release --project tests/SubmissionGateway.Benchmarks -- --filter '*ClaimValidation*'
/// </summary>
[MemoryDiagnoser]
public class ClaimValidationBenchmarks
{
    private byte[] _file = [];
    private X12Validator _syntax = null!;
    private X12Validator _full = null!;
    private X12Validator _fullOneThread = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = LargeClaimFile.Build(10 * 1024 * 1024);
        _syntax = new X12Validator(GuideCatalog.Embedded, new X12ValidatorOptions { TypedViews = false });
        var codeSets = OfficialCodeSets() ?? CodeSetCatalog.BuiltIn;
        _full = new X12Validator(GuideCatalog.Embedded, new X12ValidatorOptions { CodeSets = codeSets });
        _fullOneThread = new X12Validator(GuideCatalog.Embedded, new X12ValidatorOptions { CodeSets = codeSets, ParallelThresholdBytes = long.MaxValue });
        foreach (var validator in new[] { _syntax, _full, _fullOneThread })
        {
            var report = validator.Validate(new MemoryStream(_file));
            if (!report.Accepted)
            {
                throw new InvalidOperationException("The benchmark file must be valid: " + report.Findings.FirstOrDefault()?.Message);
            }
        }
    }

    private static CodeSetCatalog? OfficialCodeSets()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared", "codesets");
            if (!Directory.Exists(shared))
            {
                continue;
            }

            var folder = Directory.CreateTempSubdirectory("sgw-bench-codesets-").FullName;
            CodeSetImporter.ImportAsync([Path.Combine(shared, "cms_2026_dx.zip"), Path.Combine(shared, "HCPC2025_OCT_ANWEB.csv")], folder,
                TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine($"// code sets: official FY2026 ICD-10-CM and HCPCS from {shared}");
            return CodeSetCatalog.Load(folder);
        }

        return null;
    }

    [Benchmark(Baseline = true, Description = "scan for segment terminators")]
    public int ScanTerminators() => _file.AsSpan().Count((byte)'~');

    [Benchmark(Description = "SNIP 1-2 (999 only)")]
    public int ValidateSyntax() => _syntax.Validate(new MemoryStream(_file)).Transactions.Count();

    [Benchmark(Description = "SNIP 1-5 with claim views and edits")]
    public int ValidateClaims() => _full.Validate(new MemoryStream(_file)).Transactions.Sum(t => t.Claims.Count);

    [Benchmark(Description = "SNIP 1-5, one thread (no claim lane)")]
    public int ValidateClaimsOneThread() => _fullOneThread.Validate(new MemoryStream(_file)).Transactions.Sum(t => t.Claims.Count);
}
