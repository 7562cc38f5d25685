using System.CommandLine;
using System.Text.Json;
using Shouldly;
using SubmissionGateway.Cli.CodeSets;

namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary><c>sgw codesets import</c> and <c>list</c>, run in process against a temporary data folder.</summary>
public sealed class CodeSetsCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<(int ExitCode, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = new RootCommand { CodeSetsCommand.Create(stdout, stderr) };
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Import_then_list_shows_sources_and_dates()
    {
        var zip = SyntheticCodeSetFiles.WriteIcdZip(_temp.Path, 2025, SyntheticCodeSetFiles.OrderFile());
        var taxonomy = SyntheticCodeSetFiles.WriteTaxonomyCsv(_temp.Path, "999Z00000X");
        var data = _temp.File("data");

        var import = await RunAsync("codesets", "import", zip, taxonomy, "--data", data);
        var list = await RunAsync("codesets", "list", "--data", data);

        import.ExitCode.ShouldBe(0, import.Err);
        import.Out.ShouldContain("imported ICD-10-CM FY2025: 5 codes, dates of service 2024-10-01 to 2025-09-30");
        list.ExitCode.ShouldBe(0, list.Err);
        list.Out.ShouldContain("invented_2025_dx.zip!icd10cm_order_2025.txt");
        list.Out.ShouldContain("NUCC provider taxonomy");
        list.Out.ShouldContain("HCPCS Level II: none imported, checked by format only");
        list.Out.ShouldContain("built in: place-of-service.tsv");
    }

    [Fact]
    public async Task List_as_json_names_every_set_and_what_is_format_only()
    {
        var csv = SyntheticCodeSetFiles.WriteHcpcsCsv(_temp.Path, SyntheticCodeSetFiles.HcpcsRow("Q9990", "20200101", ""));
        var data = _temp.File("data");
        (await RunAsync("codesets", "import", csv, "--data", data, "--json")).ExitCode.ShouldBe(0);

        var list = await RunAsync("codesets", "list", "--data", data, "--json");

        list.ExitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(list.Out);
        var sets = json.RootElement.GetProperty("sets").EnumerateArray().ToList();
        var hcpcs = sets.Single(s => s.GetProperty("kind").GetString() == "hcpcs");
        hcpcs.GetProperty("source").GetString().ShouldBe("HCPC_INVENTED_ANWEB.csv");
        hcpcs.GetProperty("sha256").GetString()!.Length.ShouldBe(64);
        hcpcs.GetProperty("effectiveFrom").GetString().ShouldBe("2020-01-01");
        sets.Count(s => s.GetProperty("builtIn").GetBoolean()).ShouldBe(4);
        json.RootElement.GetProperty("formatOnly").EnumerateArray().Select(e => e.GetString()).ShouldBe(["icd10Cm", "cpt", "nuccTaxonomy"]);
    }

    [Fact]
    public async Task Unreadable_input_exits_2_with_a_message_and_no_stack_trace()
    {
        var data = _temp.File("data");
        var missing = _temp.File("does-not-exist.zip");

        var result = await RunAsync("codesets", "import", missing, "--data", data);

        result.ExitCode.ShouldBe(2);
        result.Err.ShouldContain("does-not-exist.zip");
        result.Err.ShouldContain("Nothing was imported");
        result.Err.ShouldNotContain("   at ");
        Directory.Exists(Path.Combine(data, "codesets")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_folder_given_as_a_file_exits_2()
    {
        var result = await RunAsync("codesets", "import", _temp.Path, "--data", _temp.File("data"));

        result.ExitCode.ShouldBe(2);
        result.Err.ShouldContain("is a folder");
    }

    [Fact]
    public async Task List_over_a_damaged_compiled_file_exits_2()
    {
        var data = _temp.File("data");
        Directory.CreateDirectory(Path.Combine(data, "codesets"));
        await File.WriteAllTextAsync(Path.Combine(data, "codesets", "hcpcs.sgwcs"), "not compiled", TestContext.Current.CancellationToken);

        var result = await RunAsync("codesets", "list", "--data", data);

        result.ExitCode.ShouldBe(2);
        result.Err.ShouldContain("hcpcs.sgwcs");
        result.Err.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task List_of_an_empty_data_folder_shows_the_built_in_lists()
    {
        var result = await RunAsync("codesets", "list", "--data", _temp.File("empty"));

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("US state and territory codes");
        result.Out.ShouldContain("ICD-10-CM: none imported, checked by format only");
    }
}
