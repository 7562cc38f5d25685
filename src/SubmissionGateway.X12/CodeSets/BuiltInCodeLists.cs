using System.Globalization;
using System.Security.Cryptography;

namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// The small code lists we write ourselves (schemas/codesets/*.tsv), embedded in the library. Each line:
/// code, effective-from, effective-to (ISO dates, blank when open), forms (P/I/D letters, or *), description;
/// lines starting with # are comments.
/// </summary>
internal static class BuiltInCodeLists
{
    public const byte Professional = 1;
    public const byte Institutional = 2;
    public const byte Dental = 4;

    private static readonly (CodeSetKind Kind, string Resource, string Name)[] Lists =
    [
        (CodeSetKind.PlaceOfService, "place-of-service.tsv", "CMS place of service codes"),
        (CodeSetKind.UsState, "us-states.tsv", "US state and territory codes"),
        (CodeSetKind.ClaimFrequency, "claim-frequency.tsv", "Claim frequency type codes"),
        (CodeSetKind.CptModifier, "cpt-modifiers.tsv", "CPT modifiers (code values)"),
    ];

    public static IReadOnlyList<CompiledCodeSet> Load()
    {
        var assembly = typeof(BuiltInCodeLists).Assembly;
        var sets = new List<CompiledCodeSet>(Lists.Length);
        foreach (var (kind, resource, name) in Lists)
        {
            using var stream = assembly.GetManifestResourceStream("CodeSets." + resource)
                ?? throw new InvalidOperationException($"The built-in code list {resource} is missing from the assembly.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var table = Parse(resource, System.Text.Encoding.UTF8.GetString(bytes));
            var info = new CodeSetInfo(kind, name, resource, Convert.ToHexStringLower(SHA256.HashData(bytes)), null, null, table.Count, BuiltIn: true, CompiledAt: null);
            sets.Add(new CompiledCodeSet(info, table));
        }

        return sets;
    }

    private static CodeTable Parse(string resource, string text)
    {
        var builder = new CodeTableBuilder(withFlags: true, withDates: true);
        var lineNumber = 0;
        Span<Range> columns = stackalloc Range[6];
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var n = line.Split(columns, '\t');
            if (n < 4)
            {
                throw new InvalidOperationException($"{resource} line {lineNumber}: expected code, from, to, forms.");
            }

            var from = ParseDate(line[columns[1]], resource, lineNumber);
            var to = ParseDate(line[columns[2]], resource, lineNumber);
            var forms = line[columns[3]];
            byte flags = 0;
            if (forms is "*")
            {
                flags = Professional | Institutional | Dental;
            }
            else
            {
                flags |= forms.Contains('P') ? Professional : (byte)0;
                flags |= forms.Contains('I') ? Institutional : (byte)0;
                flags |= forms.Contains('D') ? Dental : (byte)0;
            }

            if (!builder.TryAdd(line[columns[0]], flags, from, to))
            {
                throw new InvalidOperationException($"{resource} line {lineNumber}: malformed or duplicate code.");
            }
        }

        return builder.Build();
    }

    private static DateOnly? ParseDate(ReadOnlySpan<char> text, string resource, int lineNumber) =>
        text.IsEmpty ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new InvalidOperationException($"{resource} line {lineNumber}: dates are yyyy-MM-dd.");
}
