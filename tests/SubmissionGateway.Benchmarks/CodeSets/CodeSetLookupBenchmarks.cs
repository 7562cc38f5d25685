using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.Benchmarks.CodeSets;

/// <summary>
/// One code lookup over the full official sets (ICD-10-CM FY2025, HCPCS October 2025) from ../shared/codesets,
/// against a <see cref="HashSet{T}"/> of strings measured in the same run. Each invocation checks 1,024 codes
/// (about 1 in 8 unknown), so the reported time is per lookup.
/// Run: dotnet run -c Release --project tests/SubmissionGateway.Benchmarks -- --filter '*CodeSetLookup*'
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CodeSetLookupBenchmarks
{
    private const int Lookups = 1024;
    private static readonly DateOnly DateOfService = new(2025, 6, 15);

    private CodeSetCatalog _catalog = CodeSetCatalog.BuiltIn;
    private byte[][] _icdCodes = [];
    private string[] _icdStrings = [];
    private byte[][] _hcpcsCodes = [];
    private string[] _hcpcsStrings = [];
    private HashSet<string> _icdSet = [];
    private HashSet<string> _hcpcsSet = [];

    [GlobalSetup]
    public void Setup()
    {
        var shared = FindSharedCodeSets();
        var icd = CodeSetImporter.CompileAsync(Path.Combine(shared, "cms_2025_dx.zip"), DateTimeOffset.UnixEpoch, CancellationToken.None).GetAwaiter().GetResult();
        var hcpcs = CodeSetImporter.CompileAsync(Path.Combine(shared, "HCPC2025_OCT_ANWEB.csv"), DateTimeOffset.UnixEpoch, CancellationToken.None).GetAwaiter().GetResult();
        _catalog = CodeSetCatalog.Create([icd, hcpcs]);

        var random = new Random(20251001);
        var icdAll = Unpacked(icd.Table);
        var hcpcsAll = Unpacked(hcpcs.Table).Where(c => c.Length == 5).ToArray();
        _icdSet = new HashSet<string>(icdAll, StringComparer.Ordinal);
        _hcpcsSet = new HashSet<string>(hcpcsAll, StringComparer.Ordinal);
        _icdStrings = Sample(icdAll, "Z9999", random);
        _hcpcsStrings = Sample(hcpcsAll, "A0001", random);
        _icdCodes = [.. _icdStrings.Select(Encoding.ASCII.GetBytes)];
        _hcpcsCodes = [.. _hcpcsStrings.Select(Encoding.ASCII.GetBytes)];
    }

    [BenchmarkCategory("ICD-10-CM")]
    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups, Description = "ICD-10-CM: HashSet<string>.Contains (string ready)")]
    public int IcdHashSet()
    {
        var hits = 0;
        foreach (var code in _icdStrings)
        {
            hits += _icdSet.Contains(code) ? 1 : 0;
        }

        return hits;
    }

    [BenchmarkCategory("ICD-10-CM")]
    [Benchmark(OperationsPerInvoke = Lookups, Description = "ICD-10-CM: HashSet<string> after decoding the bytes")]
    public int IcdHashSetFromBytes()
    {
        var hits = 0;
        foreach (var code in _icdCodes)
        {
            hits += _icdSet.Contains(Encoding.ASCII.GetString(code)) ? 1 : 0;
        }

        return hits;
    }

    [BenchmarkCategory("ICD-10-CM")]
    [Benchmark(OperationsPerInvoke = Lookups, Description = "ICD-10-CM: CodeSetCatalog.CheckIcd10Cm (bytes, FY by date)")]
    public int IcdCatalog()
    {
        var valid = 0;
        foreach (var code in _icdCodes)
        {
            valid += _catalog.CheckIcd10Cm(code, DateOfService) == CodeCheckResult.Valid ? 1 : 0;
        }

        return valid;
    }

    [BenchmarkCategory("HCPCS")]
    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups, Description = "HCPCS: HashSet<string>.Contains (string ready)")]
    public int HcpcsHashSet()
    {
        var hits = 0;
        foreach (var code in _hcpcsStrings)
        {
            hits += _hcpcsSet.Contains(code) ? 1 : 0;
        }

        return hits;
    }

    [BenchmarkCategory("HCPCS")]
    [Benchmark(OperationsPerInvoke = Lookups, Description = "HCPCS: CodeSetCatalog.CheckHcpcs (bytes, add/term dates)")]
    public int HcpcsCatalog()
    {
        var valid = 0;
        foreach (var code in _hcpcsCodes)
        {
            valid += _catalog.CheckHcpcs(code, DateOfService) == CodeCheckResult.Valid ? 1 : 0;
        }

        return valid;
    }

    private static string[] Unpacked(CodeTable table)
    {
        var codes = new string[table.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = CodeKey.Unpack(table.Keys[i]);
        }

        return codes;
    }

    /// <summary>Fresh string instances, as a parser would make them, so the baseline cannot win on reference equality.</summary>
    private static string[] Sample(string[] codes, string unknownPrefix, Random random) =>
        [.. Enumerable.Range(0, Lookups).Select(i => new string(i % 8 == 7 ? unknownPrefix[..^1] + (char)('0' + (i % 10)) : codes[random.Next(codes.Length)]))];

    private static string FindSharedCodeSets()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "codesets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The official code-set files (shared/codesets beside the repository) were not found above " + AppContext.BaseDirectory);
    }
}
