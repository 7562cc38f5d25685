using Shouldly;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Tests.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>SNIP 5 with the official CMS ICD-10-CM files imported (../shared/codesets; skipped when absent).</summary>
public sealed class OfficialCodeSetValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<CodeSetCatalog> ImportAsync(params string[] files)
    {
        await CodeSetImporter.ImportAsync([.. files.Select(SharedCodeSetFiles.PathOf)], _folder.Path, TimeProvider.System,
            TestContext.Current.CancellationToken);
        return CodeSetCatalog.Load(_folder.Path);
    }

    private static ValidationReport Validate(string file, CodeSetCatalog catalog) =>
        new X12Validator(options: new X12ValidatorOptions { CodeSets = catalog })
            .Validate(new MemoryStream(Corpus.Read(file)), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_category_header_is_refused_and_only_its_claim_is_rejected()
    {
        var catalog = await ImportAsync("cms_2026_dx.zip");

        var report = Validate("837P/edit-icd10-category-header.x12", catalog);

        var claims = report.Transactions.Single().Claims;
        claims[0].Accepted.ShouldBeFalse();
        claims[1].Accepted.ShouldBeTrue();
        var finding = claims[0].Findings.ShouldHaveSingleItem();
        finding.Snip.ShouldBe(SnipLevel.CodeSets);
        finding.ClaimStatusCode.ShouldBe("254");
        finding.Message.ShouldContain("'J06' is a category header");
        report.Notes.ShouldNotContain(n => n.StartsWith("ICD-10-CM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_is_refused_before_the_fiscal_year_that_added_it()
    {
        var catalog = await ImportAsync("cms_2025_dx.zip", "cms_2026_dx.zip");

        var claims = Validate("837P/edit-icd10-before-effective.x12", catalog).Transactions.Single().Claims;

        claims[0].Accepted.ShouldBeTrue();
        var finding = claims[1].Findings.ShouldHaveSingleItem();
        finding.Message.ShouldContain("'E11A'");
        finding.Rule.ShouldBe("icd10cm");
    }

    [Fact]
    public async Task Real_codes_pass_the_full_sets_and_the_taxonomy_is_checked_against_nucc()
    {
        var catalog = await ImportAsync("cms_2026_dx.zip", "HCPC2025_OCT_ANWEB.csv", "nucc_taxonomy_251.csv");

        var report = Validate("837P/edit-icd10-category-header.x12", catalog);

        var claims = report.Transactions.Single().Claims;
        claims[1].Accepted.ShouldBeTrue(string.Join("; ", claims[1].Findings.Select(f => f.Message)));
        claims[0].Findings.ShouldAllBe(f => f.Rule == "icd10cm");
        report.Notes.ShouldNotContain(n => n.StartsWith("NUCC", StringComparison.Ordinal));
    }
}
