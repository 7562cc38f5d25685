using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// Compiles official code-set files into the data folder. The kind of each file is told from its content:
/// a CMS ICD-10-CM zip (its icd10cm_order_YYYY.txt inside) or bare order file, the CMS HCPCS CSV (header
/// HCPC,…), the NUCC taxonomy CSV (header Code,Grouping,…), or a licensed CPT list (a text file named *cpt*,
/// one code at the start of each line).
/// </summary>
public static class CodeSetImporter
{
    /// <summary>
    /// Reads and compiles every file, and only when all of them are good writes the compiled sets (each atomically)
    /// into <paramref name="codeSetFolder"/>, replacing the set of the same kind (and fiscal year).
    /// </summary>
    /// <exception cref="CodeSetFormatException">A file cannot be read or is not a code-set file this gateway knows; nothing is written.</exception>
    public static async Task<IReadOnlyList<CodeSetInfo>> ImportAsync(
        IReadOnlyList<string> sourceFiles, string codeSetFolder, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceFiles);
        ArgumentException.ThrowIfNullOrEmpty(codeSetFolder);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var compiled = new List<CompiledCodeSet>(sourceFiles.Count);
        foreach (var source in sourceFiles)
        {
            compiled.Add(await CompileAsync(source, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false));
        }

        foreach (var set in compiled)
        {
            await CompiledCodeSetFile.WriteAsync(Path.Combine(codeSetFolder, TargetFileName(set.Info)), set, cancellationToken).ConfigureAwait(false);
        }

        return [.. compiled.Select(s => s.Info)];
    }

    /// <summary>The compiled file a set is stored under: one per kind, and per fiscal year for ICD-10-CM.</summary>
    internal static string TargetFileName(CodeSetInfo info) => info.Kind switch
    {
        CodeSetKind.Icd10Cm => $"icd10cm-fy{info.EffectiveTo!.Value.Year}{CompiledCodeSetFile.Extension}",
        CodeSetKind.Hcpcs => "hcpcs" + CompiledCodeSetFile.Extension,
        CodeSetKind.Cpt => "cpt" + CompiledCodeSetFile.Extension,
        CodeSetKind.NuccTaxonomy => "nucc-taxonomy" + CompiledCodeSetFile.Extension,
        _ => throw new ArgumentOutOfRangeException(nameof(info), info.Kind, "Built-in lists are not imported."),
    };

    internal static async Task<CompiledCodeSet> CompileAsync(string path, DateTimeOffset compiledAt, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new CodeSetFormatException($"'{path}' is a folder; name the code-set files to import.");
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CodeSetFormatException($"Cannot read '{path}': {e.Message}", e);
        }

        var name = Path.GetFileName(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return CompileZip(bytes, name, sha, compiledAt);
        }

        var text = Encoding.UTF8.GetString(bytes);
        var firstLine = FirstLine(text);
        if (Icd10CmOrderFile.LooksLikeOrderFile(firstLine))
        {
            var year = Icd10CmOrderFile.FiscalYearFromName(name)
                ?? throw new CodeSetFormatException($"'{name}' is an ICD-10-CM order file, but its name does not say the fiscal year (keep the CMS name, e.g. icd10cm_order_2025.txt).");
            return Icd10CmOrderFile.Parse(text, year, name, sha, compiledAt);
        }

        var header = firstLine.ToString().Split(',');
        if (HcpcsFile.LooksLikeHeader(header))
        {
            return HcpcsFile.Parse(CsvRecords.Read(text), name, sha, compiledAt);
        }

        if (NuccTaxonomyFile.LooksLikeHeader(header))
        {
            return NuccTaxonomyFile.Parse(CsvRecords.Read(text), name, sha, compiledAt);
        }

        if (name.Contains("cpt", StringComparison.OrdinalIgnoreCase))
        {
            return CptCodeList.Parse(text, name, sha, compiledAt);
        }

        throw new CodeSetFormatException(
            $"'{name}' is not a code-set file this gateway knows: expected a CMS ICD-10-CM zip or order file, the CMS HCPCS CSV, the NUCC taxonomy CSV, or a CPT list named *cpt*.");
    }

    private static CompiledCodeSet CompileZip(byte[] bytes, string name, string sha, DateTimeOffset compiledAt)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is not null)
            {
                throw new CodeSetFormatException($"'{name}' is an Excel workbook; import the CSV CMS publishes beside it (or save the sheet as CSV).");
            }

            var orders = zip.Entries.Where(e => Icd10CmOrderFile.IsOrderFileName(e.FullName)).ToList();
            if (orders.Count != 1)
            {
                throw new CodeSetFormatException(orders.Count == 0
                    ? $"'{name}' holds no ICD-10-CM order file (icd10cm_order_YYYY.txt)."
                    : $"'{name}' holds {orders.Count} ICD-10-CM order files; import them one fiscal year at a time.");
            }

            var entry = orders[0];
            string text;
            using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
            {
                text = reader.ReadToEnd();
            }

            var year = Icd10CmOrderFile.FiscalYearFromName(entry.Name)!.Value;

            // The set's source is the zip the user downloaded (its hash is what SHA256SUMS lists), with the entry used.
            return Icd10CmOrderFile.Parse(text, year, $"{name}!{entry.FullName}", sha, compiledAt);
        }
        catch (InvalidDataException e)
        {
            throw new CodeSetFormatException($"'{name}' is not a readable zip file: {e.Message}", e);
        }
    }

    private static ReadOnlySpan<char> FirstLine(string text)
    {
        var span = text.AsSpan().TrimStart('\uFEFF');
        var end = span.IndexOfAny('\r', '\n');
        return end < 0 ? span : span[..end];
    }
}
