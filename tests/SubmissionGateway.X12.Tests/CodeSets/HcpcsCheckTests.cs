using System.Globalization;
using System.Text;
using Shouldly;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>HCPCS Level II codes and modifiers with add/termination dates, CPT by format, over an invented HCPCS CSV.</summary>
public sealed class HcpcsCheckTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<CodeSetCatalog> InventedHcpcsAsync()
    {
        var csv = SyntheticCodeSetFiles.WriteHcpcsCsv(
            _temp.Path,
            SyntheticCodeSetFiles.HcpcsRow("Q9990", "20020101", ""),
            SyntheticCodeSetFiles.HcpcsRow("Q9991", "20240101", "20241231"), // terminated
            SyntheticCodeSetFiles.HcpcsRow("Q9992", "20250101", ""), // added 2025
            "Q9992,0020,4,continued description,,,,,", // a continuation record is not a second code
            SyntheticCodeSetFiles.HcpcsModifierRow("QZ", "20000101", ""),
            SyntheticCodeSetFiles.HcpcsModifierRow("QY", "20200101", "20241231"));
        var folder = _temp.File("codesets");
        await CodeSetImporter.ImportAsync([csv], folder, TimeProvider.System, TestContext.Current.CancellationToken);
        return CodeSetCatalog.Load(folder);
    }

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static byte[] Ascii(string code) => Encoding.ASCII.GetBytes(code);

    [Theory]
    [InlineData("Q9990", "2025-06-01", CodeCheckResult.Valid)]
    [InlineData("Q9991", "2024-12-31", CodeCheckResult.Valid)] // the termination date is the last day of use
    [InlineData("Q9991", "2025-01-01", CodeCheckResult.NotEffectiveOnDate)]
    [InlineData("Q9992", "2024-12-31", CodeCheckResult.NotEffectiveOnDate)]
    [InlineData("Q9992", "2025-01-01", CodeCheckResult.Valid)]
    [InlineData("Q9993", "2025-01-01", CodeCheckResult.UnknownCode)]
    [InlineData("Q999", "2025-01-01", CodeCheckResult.InvalidFormat)]
    [InlineData("QQ990", "2025-01-01", CodeCheckResult.InvalidFormat)]
    [InlineData("99213", "2025-01-01", CodeCheckResult.InvalidFormat)] // CPT is not HCPCS Level II
    public async Task Hcpcs_code_is_valid_from_its_add_date_through_its_termination_date(string code, string dateOfService, CodeCheckResult expected)
    {
        var catalog = await InventedHcpcsAsync();

        catalog.CheckHcpcs(Ascii(code), Day(dateOfService)).ShouldBe(expected);
    }

    [Fact]
    public async Task Import_reads_quoted_fields_and_skips_continuation_records()
    {
        var catalog = await InventedHcpcsAsync();

        var set = catalog.Sets.Single(s => s.Kind == CodeSetKind.Hcpcs);
        set.Count.ShouldBe(5);
        set.EffectiveFrom.ShouldBe(Day("2000-01-01"));
        set.SourceFile.ShouldBe("HCPC_INVENTED_ANWEB.csv");
    }

    [Fact]
    public void Without_an_imported_file_hcpcs_is_checked_by_format_only()
    {
        CodeSetCatalog.BuiltIn.CheckHcpcs("G0008"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.FormatOnly);
        CodeSetCatalog.BuiltIn.CheckHcpcs("G008"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.InvalidFormat);
    }

    [Theory]
    [InlineData("99213", CodeCheckResult.FormatOnly)]
    [InlineData("1111F", CodeCheckResult.FormatOnly)] // Category II
    [InlineData("0042T", CodeCheckResult.FormatOnly)] // Category III
    [InlineData("0001U", CodeCheckResult.FormatOnly)] // proprietary laboratory analyses
    [InlineData("9921", CodeCheckResult.InvalidFormat)]
    [InlineData("992134", CodeCheckResult.InvalidFormat)]
    [InlineData("1111X", CodeCheckResult.InvalidFormat)]
    [InlineData("A1111", CodeCheckResult.InvalidFormat)]
    public void Cpt_without_a_licensed_list_is_checked_by_format(string code, CodeCheckResult expected)
    {
        CodeSetCatalog.BuiltIn.CheckCpt(Ascii(code), Day("2025-01-01")).ShouldBe(expected);
    }

    [Fact]
    public async Task Cpt_with_an_imported_list_is_looked_up()
    {
        var list = _temp.File("my_cpt_2025.txt");
        await File.WriteAllTextAsync(list, "code\tdescription\n99213\tinvented\n1111F\tinvented\n", TestContext.Current.CancellationToken);
        var folder = _temp.File("codesets");
        await CodeSetImporter.ImportAsync([list], folder, TimeProvider.System, TestContext.Current.CancellationToken);
        var catalog = CodeSetCatalog.Load(folder);

        catalog.CheckCpt("99213"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.Valid);
        catalog.CheckCpt("99214"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.UnknownCode);
        catalog.CheckProcedureCode("99213"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.Valid);
    }

    [Fact]
    public async Task Procedure_code_under_HC_goes_to_hcpcs_when_it_starts_with_a_letter()
    {
        var catalog = await InventedHcpcsAsync();

        catalog.CheckProcedureCode("Q9991"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.NotEffectiveOnDate);
        catalog.CheckProcedureCode("99213"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.FormatOnly);
    }

    [Theory]
    [InlineData("25", "2025-01-01", CodeCheckResult.Valid)] // CPT modifier, built in
    [InlineData("1P", "2025-01-01", CodeCheckResult.Valid)]
    [InlineData("QZ", "2025-01-01", CodeCheckResult.Valid)] // HCPCS Level II modifier
    [InlineData("QY", "2024-12-31", CodeCheckResult.Valid)]
    [InlineData("QY", "2025-01-01", CodeCheckResult.NotEffectiveOnDate)] // terminated modifier
    [InlineData("QX", "2025-01-01", CodeCheckResult.UnknownCode)]
    [InlineData("98", "2025-01-01", CodeCheckResult.UnknownCode)]
    [InlineData("Q", "2025-01-01", CodeCheckResult.InvalidFormat)]
    [InlineData("q1", "2025-01-01", CodeCheckResult.InvalidFormat)]
    public async Task Modifier_is_a_known_cpt_or_hcpcs_modifier_on_the_date(string modifier, string dateOfService, CodeCheckResult expected)
    {
        var catalog = await InventedHcpcsAsync();

        catalog.CheckModifier(Ascii(modifier), Day(dateOfService)).ShouldBe(expected);
    }

    [Fact]
    public void Without_hcpcs_a_letter_modifier_is_format_only_but_an_unknown_numeric_one_is_refused()
    {
        CodeSetCatalog.BuiltIn.CheckModifier("GT"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.FormatOnly);
        CodeSetCatalog.BuiltIn.CheckModifier("59"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.Valid);
        CodeSetCatalog.BuiltIn.CheckModifier("98"u8, Day("2025-01-01")).ShouldBe(CodeCheckResult.UnknownCode);
    }
}
