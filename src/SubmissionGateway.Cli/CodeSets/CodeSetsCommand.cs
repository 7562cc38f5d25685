using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.Cli.CodeSets;

/// <summary>
/// <c>sgw codesets import FILE...</c> compiles official code-set files into the data folder;
/// <c>sgw codesets list</c> shows what the validator will use. Exit codes: 0 done, 2 an input that cannot be used.
/// </summary>
public static class CodeSetsCommand
{
    /// <summary>Exit code for an input file or data folder that cannot be used.</summary>
    public const int UnreadableInput = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly CodeSetKind[] ImportedKinds = [CodeSetKind.Icd10Cm, CodeSetKind.Hcpcs, CodeSetKind.Cpt, CodeSetKind.NuccTaxonomy];

    /// <summary>The <c>codesets</c> verb with its <c>import</c> and <c>list</c> subcommands.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var files = new Argument<string[]>("FILE")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "CMS ICD-10-CM zip or order file, CMS HCPCS CSV, NUCC taxonomy CSV, or a CPT list named *cpt*.",
        };
        var importJson = JsonOption();
        var importData = DataOption();
        var import = new Command("import", "Compile official code-set files into the data folder (all or nothing).") { files, importJson, importData };
        import.SetAction((parse, ct) => ImportAsync(
            parse.GetValue(files) ?? [], parse.GetValue(importData), parse.GetValue(importJson), stdout, stderr, ct));

        var listJson = JsonOption();
        var listData = DataOption();
        var list = new Command("list", "Show the loaded code sets, their sources and the dates of service they answer for.") { listJson, listData };
        list.SetAction((parse, _) => Task.FromResult(List(parse.GetValue(listData), parse.GetValue(listJson), stdout, stderr)));

        return new Command("codesets", "External code sets for SNIP 5 checks (ICD-10-CM, HCPCS, CPT, NUCC taxonomy, built-in lists).")
        {
            import,
            list,
        };
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Write the result as JSON." };

    private static Option<string?> DataOption() => new("--data")
    {
        HelpName = "DIR",
        Description = $"The gateway's data folder (default: ${CodeSetDataFolder.EnvironmentVariable}, else ~/.sgw); code sets go in its codesets folder.",
    };

    private static string Folder(string? dataFolder) =>
        string.IsNullOrWhiteSpace(dataFolder) ? CodeSetDataFolder.Resolve() : CodeSetDataFolder.ForDataFolder(dataFolder);

    private static async Task<int> ImportAsync(
        string[] files, string? dataFolder, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var folder = Folder(dataFolder);
        IReadOnlyList<CodeSetInfo> imported;
        try
        {
            imported = await ProgressDisplay.SpinAsync($"importing {files.Length} code-set file(s) into {folder}", ProgressDisplay.IsInteractive(stderr, json), stderr,
                () => CodeSetImporter.ImportAsync(files, folder, TimeProvider.System, cancellationToken)).ConfigureAwait(false);
        }
        catch (CodeSetFormatException e)
        {
            await stderr.WriteLineAsync($"sgw codesets import: {e.Message} Nothing was imported.").ConfigureAwait(false);
            return UnreadableInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"sgw codesets import: cannot write to '{folder}': {e.Message}").ConfigureAwait(false);
            return UnreadableInput;
        }

        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new { folder, imported = imported.Select(View) }, Json)).ConfigureAwait(false);
        }
        else
        {
            foreach (var set in imported)
            {
                await stdout.WriteLineAsync(
                    $"imported {set.Name}: {set.Count.ToString("N0", CultureInfo.InvariantCulture)} codes, {Dates(set)}, from {set.SourceFile}").ConfigureAwait(false);
            }

            await stdout.WriteLineAsync($"into {folder}").ConfigureAwait(false);
        }

        return 0;
    }

    private static int List(string? dataFolder, bool json, TextWriter stdout, TextWriter stderr)
    {
        var folder = Folder(dataFolder);
        CodeSetCatalog catalog;
        try
        {
            catalog = CodeSetCatalog.Load(folder);
        }
        catch (CodeSetFormatException e)
        {
            stderr.WriteLine($"sgw codesets list: {e.Message}");
            return UnreadableInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"sgw codesets list: cannot read '{folder}': {e.Message}");
            return UnreadableInput;
        }

        var missing = ImportedKinds.Where(k => catalog.Sets.All(s => s.Kind != k)).ToList();
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new { folder, sets = catalog.Sets.Select(View), formatOnly = missing }, Json));
            return 0;
        }

        stdout.WriteLine($"code sets in {folder}");
        foreach (var set in catalog.Sets)
        {
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {set.Name,-32} {set.Count,7:N0} codes  {Dates(set),-46} {(set.BuiltIn ? "built in: " : "")}{set.SourceFile}"));
        }

        foreach (var kind in missing)
        {
            stdout.WriteLine($"  {DisplayName(kind)}: none imported, checked by format only");
        }

        return 0;
    }

    private static string DisplayName(CodeSetKind kind) => kind switch
    {
        CodeSetKind.Icd10Cm => "ICD-10-CM",
        CodeSetKind.Hcpcs => "HCPCS Level II",
        CodeSetKind.Cpt => "CPT",
        CodeSetKind.NuccTaxonomy => "NUCC taxonomy",
        _ => kind.ToString(),
    };

    private static string Dates(CodeSetInfo set) => (set.Kind, set.EffectiveFrom, set.EffectiveTo) switch
    {
        (CodeSetKind.Hcpcs, { } from, _) => $"dates per code, added from {from:yyyy-MM-dd}",
        (CodeSetKind.PlaceOfService, _, _) => "dates per code",
        (_, null, null) => "all dates",
        (_, { } from, null) => $"from {from:yyyy-MM-dd}",
        (_, null, { } to) => $"through {to:yyyy-MM-dd}",
        (_, { } from, { } to) => $"dates of service {from:yyyy-MM-dd} to {to:yyyy-MM-dd}",
    };

    private static object View(CodeSetInfo set) => new
    {
        kind = set.Kind,
        name = set.Name,
        source = set.SourceFile,
        sha256 = set.SourceSha256,
        effectiveFrom = set.EffectiveFrom,
        effectiveTo = set.EffectiveTo,
        count = set.Count,
        builtIn = set.BuiltIn,
        compiledAt = set.CompiledAt,
    };
}
