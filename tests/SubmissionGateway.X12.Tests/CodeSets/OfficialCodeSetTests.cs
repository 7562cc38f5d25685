using System.Globalization;
using System.Text;
using Shouldly;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>Imports the official CMS and NUCC files once (skipped when ../shared/codesets is absent).</summary>
public sealed class OfficialCodeSetsFixture : IAsyncLifetime
{
    private readonly TempFolder _temp = new();

    public CodeSetCatalog? Catalog { get; private set; }

    public IReadOnlyList<CodeSetInfo> Imported { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        if (SharedCodeSetFiles.Directory is not { } shared)
        {
            return;
        }

        string[] files = ["cms_2024_dx.zip", "cms_2025_dx.zip", "cms_2026_dx.zip", "HCPC2025_OCT_ANWEB.csv", "nucc_taxonomy_251.csv"];
        var folder = _temp.File("codesets");
        Imported = await CodeSetImporter.ImportAsync([.. files.Select(f => Path.Combine(shared, f))], folder, TimeProvider.System, CancellationToken.None);
        Catalog = CodeSetCatalog.Load(folder);
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The checks against the real ICD-10-CM FY2024–2026, HCPCS October 2025 and NUCC 25.1 files.</summary>
public sealed class OfficialCodeSetTests(OfficialCodeSetsFixture fixture) : IClassFixture<OfficialCodeSetsFixture>
{
    private CodeSetCatalog Catalog => fixture.Catalog ?? Skip();

    private static CodeSetCatalog Skip()
    {
        Assert.Skip("The official code-set files (shared/codesets beside the repository) are not present.");
        return null!;
    }

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static byte[] Ascii(string code) => Encoding.ASCII.GetBytes(code);

    [Theory]
    [InlineData(2024, 74_044)]
    [InlineData(2025, 74_260)]
    [InlineData(2026, 74_719)]
    public async Task Each_fiscal_year_has_the_billable_count_cms_publishes(int fiscalYear, int billable)
    {
        var set = await CodeSetImporter.CompileAsync(SharedCodeSetFiles.PathOf($"cms_{fiscalYear}_dx.zip"), DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken);

        var count = 0;
        foreach (var flags in set.Table.Flags)
        {
            count += flags & CodeTable.Billable;
        }

        count.ShouldBe(billable);
        set.Info.Name.ShouldBe($"ICD-10-CM FY{fiscalYear}");
    }

    [Theory]
    [InlineData("E119", "2024-09-30", CodeCheckResult.Valid)] // type 2 diabetes without complications
    [InlineData("E11", "2024-09-30", CodeCheckResult.NotBillable)] // category header
    [InlineData("E11A", "2025-09-30", CodeCheckResult.NotEffectiveOnDate)] // E11.A is new in FY2026
    [InlineData("E11A", "2025-10-01", CodeCheckResult.Valid)]
    [InlineData("C810A", "2024-09-30", CodeCheckResult.NotEffectiveOnDate)] // added in FY2025
    [InlineData("C810A", "2024-10-01", CodeCheckResult.Valid)]
    [InlineData("T8132XA", "2024-09-30", CodeCheckResult.Valid)] // deleted in FY2025
    [InlineData("T8132XA", "2024-10-01", CodeCheckResult.NotEffectiveOnDate)]
    [InlineData("C8339", "2024-09-30", CodeCheckResult.Valid)] // billable in FY2024, a header from FY2025
    [InlineData("C8339", "2024-10-01", CodeCheckResult.NotBillable)]
    [InlineData("E1199", "2025-01-01", CodeCheckResult.UnknownCode)]
    [InlineData("E119", "2023-09-30", CodeCheckResult.FormatOnly)] // FY2023 not imported
    public void Icd10Cm_follows_the_official_fiscal_years(string code, string dateOfService, CodeCheckResult expected)
    {
        Catalog.CheckIcd10Cm(Ascii(code), Day(dateOfService)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("C9169", "2024-12-31", CodeCheckResult.Valid)] // terminated 2024-12-31
    [InlineData("C9169", "2025-01-01", CodeCheckResult.NotEffectiveOnDate)]
    [InlineData("A9615", "2024-12-31", CodeCheckResult.NotEffectiveOnDate)] // added 2025-01-01
    [InlineData("A9615", "2025-01-01", CodeCheckResult.Valid)]
    [InlineData("A0021", "2025-06-01", CodeCheckResult.Valid)]
    [InlineData("A0001", "2025-06-01", CodeCheckResult.UnknownCode)]
    public void Hcpcs_follows_add_and_termination_dates(string code, string dateOfService, CodeCheckResult expected)
    {
        Catalog.CheckHcpcs(Ascii(code), Day(dateOfService)).ShouldBe(expected);
    }

    [Fact]
    public void Hcpcs_file_supplies_level_ii_modifiers_with_their_dates()
    {
        Catalog.CheckModifier("GT"u8, Day("2025-06-01")).ShouldBe(CodeCheckResult.Valid);
        Catalog.CheckModifier("JG"u8, Day("2024-12-31")).ShouldBe(CodeCheckResult.Valid);
        Catalog.CheckModifier("JG"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.NotEffectiveOnDate);
        Catalog.Sets.Single(s => s.Kind == CodeSetKind.Hcpcs).Count.ShouldBe(8_463 + 383);
    }

    [Fact]
    public void Taxonomy_is_looked_up_in_the_nucc_file()
    {
        Catalog.CheckTaxonomy("207Q00000X"u8).ShouldBe(CodeCheckResult.Valid);
        Catalog.CheckTaxonomy("207K00000X"u8).ShouldBe(CodeCheckResult.Valid);
        Catalog.CheckTaxonomy("999Z00000X"u8).ShouldBe(CodeCheckResult.UnknownCode);
        Catalog.Sets.Single(s => s.Kind == CodeSetKind.NuccTaxonomy).Count.ShouldBe(883);
    }

    [Fact]
    public void Imported_sets_record_the_sha256_listed_in_SHA256SUMS()
    {
        _ = Catalog;
        var sums = File.ReadAllLines(SharedCodeSetFiles.PathOf("SHA256SUMS"))
            .Select(l => l.Split("  ", 2))
            .ToDictionary(p => p[1].Trim(), p => p[0]);

        foreach (var set in fixture.Imported)
        {
            var file = set.SourceFile.Split('!')[0];
            set.SourceSha256.ShouldBe(sums[file], file);
        }
    }
}
