using System.Globalization;
using System.Text;
using Shouldly;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>ICD-10-CM by fiscal year, over two invented fiscal years imported from CMS-shaped zips.</summary>
public sealed class Icd10CmCheckTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<CodeSetCatalog> TwoFiscalYearsAsync()
    {
        // FY2024 has Q981, deleted in FY2025; FY2025 adds Q992.
        var fy2024 = SyntheticCodeSetFiles.WriteIcdZip(_temp.Path, 2024, SyntheticCodeSetFiles.OrderFile(("Q981", true)));
        var fy2025 = SyntheticCodeSetFiles.WriteIcdZip(_temp.Path, 2025, SyntheticCodeSetFiles.OrderFile(("Q992", true)));
        var folder = _temp.File("codesets");
        await CodeSetImporter.ImportAsync([fy2024, fy2025], folder, TimeProvider.System, TestContext.Current.CancellationToken);
        return CodeSetCatalog.Load(folder);
    }

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static byte[] Ascii(string code) => Encoding.ASCII.GetBytes(code);

    [Theory]
    [InlineData("Q990", "2024-09-30", CodeCheckResult.Valid)]
    [InlineData("Q990", "2024-10-01", CodeCheckResult.Valid)]
    [InlineData("Q992", "2024-09-30", CodeCheckResult.NotEffectiveOnDate)] // added in FY2025
    [InlineData("Q992", "2024-10-01", CodeCheckResult.Valid)]
    [InlineData("Q981", "2024-09-30", CodeCheckResult.Valid)]
    [InlineData("Q981", "2024-10-01", CodeCheckResult.NotEffectiveOnDate)] // deleted in FY2025
    [InlineData("Q99", "2024-10-01", CodeCheckResult.NotBillable)] // category header
    [InlineData("Q98", "2024-03-15", CodeCheckResult.NotBillable)]
    [InlineData("Z9999", "2024-10-01", CodeCheckResult.UnknownCode)]
    [InlineData("Q990", "2023-09-30", CodeCheckResult.FormatOnly)] // FY2023 not imported
    [InlineData("Q990", "2025-10-01", CodeCheckResult.FormatOnly)] // FY2026 not imported
    [InlineData("Q990", "2015-09-30", CodeCheckResult.NotEffectiveOnDate)] // before ICD-10
    public async Task Code_is_checked_against_the_fiscal_year_of_the_date_of_service(string code, string dateOfService, CodeCheckResult expected)
    {
        var catalog = await TwoFiscalYearsAsync();

        catalog.CheckIcd10Cm(Ascii(code), Day(dateOfService)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Q99.0")] // X12 carries codes without the dot
    [InlineData("q990")]
    [InlineData("9Q90")]
    [InlineData("QQ90")]
    [InlineData("Q9")]
    [InlineData("Q990123A")]
    [InlineData("")]
    public async Task Malformed_code_is_refused_before_any_lookup(string code)
    {
        var catalog = await TwoFiscalYearsAsync();

        catalog.CheckIcd10Cm(Ascii(code), Day("2024-10-01")).ShouldBe(CodeCheckResult.InvalidFormat);
        CodeSetCatalog.BuiltIn.CheckIcd10Cm(Ascii(code), Day("2024-10-01")).ShouldBe(CodeCheckResult.InvalidFormat);
    }

    [Fact]
    public void Without_an_imported_set_a_well_formed_code_is_checked_by_format_only()
    {
        CodeSetCatalog.BuiltIn.CheckIcd10Cm("S72001A"u8, Day("2025-01-15")).ShouldBe(CodeCheckResult.FormatOnly);
        CodeSetCatalog.BuiltIn.SetFor(CodeSetKind.Icd10Cm, Day("2025-01-15")).ShouldBeNull();
    }

    [Fact]
    public async Task The_set_answering_a_date_is_named_by_its_fiscal_year()
    {
        var catalog = await TwoFiscalYearsAsync();

        catalog.SetFor(CodeSetKind.Icd10Cm, Day("2024-09-30"))!.Name.ShouldBe("ICD-10-CM FY2024");
        catalog.SetFor(CodeSetKind.Icd10Cm, Day("2024-10-01"))!.Name.ShouldBe("ICD-10-CM FY2025");
        var fy2025 = catalog.SetFor(CodeSetKind.Icd10Cm, Day("2025-09-30"))!;
        fy2025.EffectiveFrom.ShouldBe(Day("2024-10-01"));
        fy2025.EffectiveTo.ShouldBe(Day("2025-09-30"));
        fy2025.SourceFile.ShouldBe("invented_2025_dx.zip!icd10cm_order_2025.txt");
        fy2025.Count.ShouldBe(6);
    }

    [Fact]
    public async Task A_bare_order_file_is_imported_with_the_fiscal_year_of_its_name()
    {
        var path = _temp.File("icd10cm_order_2026.txt");
        await File.WriteAllTextAsync(path, SyntheticCodeSetFiles.OrderFile(), TestContext.Current.CancellationToken);
        var folder = _temp.File("codesets");

        var imported = await CodeSetImporter.ImportAsync([path], folder, TimeProvider.System, TestContext.Current.CancellationToken);

        imported.Single().Name.ShouldBe("ICD-10-CM FY2026");
        var catalog = CodeSetCatalog.Load(folder);
        catalog.CheckIcd10Cm("Q991"u8, Day("2025-10-01")).ShouldBe(CodeCheckResult.Valid);
        catalog.CheckIcd10Cm("Q991"u8, Day("2025-09-30")).ShouldBe(CodeCheckResult.FormatOnly);
    }

    [Fact]
    public async Task An_order_file_whose_name_has_no_year_is_refused()
    {
        var path = _temp.File("order.txt");
        await File.WriteAllTextAsync(path, SyntheticCodeSetFiles.OrderFile(), TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<CodeSetFormatException>(() =>
            CodeSetImporter.ImportAsync([path], _temp.File("codesets"), TimeProvider.System, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("fiscal year");
    }

    [Theory]
    [InlineData("ABK", "2015-10-01", CodeCheckResult.Valid)]
    [InlineData("ABF", "2024-09-30", CodeCheckResult.Valid)]
    [InlineData("ABJ", "2024-09-30", CodeCheckResult.Valid)]
    [InlineData("ABN", "2024-09-30", CodeCheckResult.Valid)]
    [InlineData("APR", "2024-09-30", CodeCheckResult.Valid)]
    [InlineData("BK", "2015-10-01", CodeCheckResult.NotEffectiveOnDate)]
    [InlineData("BF", "2024-09-30", CodeCheckResult.NotEffectiveOnDate)]
    [InlineData("BK", "2015-09-30", CodeCheckResult.Valid)]
    [InlineData("ABK", "2015-09-30", CodeCheckResult.NotEffectiveOnDate)]
    [InlineData("ZZZ", "2024-09-30", CodeCheckResult.UnknownCode)]
    public void Diagnosis_qualifier_must_match_the_ICD_revision_of_the_date(string qualifier, string dateOfService, CodeCheckResult expected)
    {
        DiagnosisCodeQualifier.Check(Ascii(qualifier), Day(dateOfService)).ShouldBe(expected);
    }

    [Fact]
    public void Allowed_qualifiers_switch_on_2015_10_01()
    {
        DiagnosisCodeQualifier.AllowedOn(Day("2015-10-01")).ShouldBe(["ABK", "ABF", "ABJ", "APR", "ABN"]);
        DiagnosisCodeQualifier.AllowedOn(Day("2015-09-30")).ShouldContain("BK");
        DiagnosisCodeQualifier.IsIcd10Cm("ABK"u8).ShouldBeTrue();
        DiagnosisCodeQualifier.IsIcd10Cm("BK"u8).ShouldBeFalse();
    }
}
