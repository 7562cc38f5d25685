using System.Globalization;
using System.Text.RegularExpressions;

namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// The CMS ICD-10-CM order file (icd10cm_order_YYYY.txt, "Code Descriptions in Tabular Order"). Fixed columns,
/// zero-based: 0–4 order number, 6–12 code without the dot, 14 flag (1 valid for HIPAA transactions, 0 header).
/// YYYY is the fiscal year: 1 October of the year before through 30 September.
/// </summary>
internal static partial class Icd10CmOrderFile
{
    [GeneratedRegex(@"icd10cm[_-]?order[_-](?<year>20\d\d)\.txt$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderFileName();

    [GeneratedRegex(@"(?<year>20\d\d)", RegexOptions.CultureInvariant)]
    private static partial Regex AnyYear();

    /// <summary>True when <paramref name="entryName"/> is an order file (not its addenda).</summary>
    public static bool IsOrderFileName(string entryName) => OrderFileName().IsMatch(entryName);

    /// <summary>True when the first line has the order-file layout.</summary>
    public static bool LooksLikeOrderFile(ReadOnlySpan<char> firstLine) =>
        firstLine.Length >= 16 && int.TryParse(firstLine[..5], NumberStyles.None, CultureInfo.InvariantCulture, out _)
        && firstLine[5] == ' ' && firstLine[14] is '0' or '1' && firstLine[13] == ' ';

    /// <summary>The fiscal year a file name states (icd10cm_order_2025.txt → 2025), or null.</summary>
    public static int? FiscalYearFromName(string fileName)
    {
        var m = OrderFileName().Match(fileName);
        if (!m.Success)
        {
            m = AnyYear().Match(Path.GetFileName(fileName));
        }

        return m.Success ? int.Parse(m.Groups["year"].ValueSpan, CultureInfo.InvariantCulture) : null;
    }

    public static CompiledCodeSet Parse(string text, int fiscalYear, string sourceName, string sha256, DateTimeOffset compiledAt)
    {
        var builder = new CodeTableBuilder(withFlags: true, withDates: false);
        var lineNumber = 0;
        var billable = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (!LooksLikeOrderFile(line))
            {
                throw new CodeSetFormatException($"{sourceName} line {lineNumber} does not have the ICD-10-CM order-file layout (order number, code, 0/1 flag).");
            }

            var code = line[6..13].TrimEnd(' ');
            var flags = line[14] == '1' ? CodeTable.Billable : (byte)0;
            if (!builder.TryAdd(code, flags))
            {
                throw new CodeSetFormatException($"{sourceName} line {lineNumber}: '{code}' is not an ICD-10-CM code or appears twice.");
            }

            billable += flags;
        }

        if (billable == 0)
        {
            throw new CodeSetFormatException($"{sourceName} holds no billable ICD-10-CM code.");
        }

        var table = builder.Build();
        var info = new CodeSetInfo(
            CodeSetKind.Icd10Cm,
            $"ICD-10-CM FY{fiscalYear}",
            sourceName,
            sha256,
            new DateOnly(fiscalYear - 1, 10, 1),
            new DateOnly(fiscalYear, 9, 30),
            table.Count,
            BuiltIn: false,
            compiledAt);
        return new CompiledCodeSet(info, table);
    }
}
