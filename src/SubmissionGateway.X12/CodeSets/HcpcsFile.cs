using System.Globalization;

namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// The CMS HCPCS Level II quarterly file as CSV (HCPCyyyy_MMM_ANWEB.csv): one row per procedure code (RECID 3)
/// and modifier (RECID 7), with ADD DT (first day the code may be used) and TERM DT (last day; blank while
/// active), both yyyyMMdd.
/// </summary>
internal static class HcpcsFile
{
    public static bool LooksLikeHeader(IReadOnlyList<string> header) =>
        header.Count > 0 && header[0].Trim().Equals("HCPC", StringComparison.OrdinalIgnoreCase);

    public static CompiledCodeSet Parse(IEnumerable<string[]> records, string sourceName, string sha256, DateTimeOffset compiledAt)
    {
        using var rows = records.GetEnumerator();
        if (!rows.MoveNext() || !LooksLikeHeader(rows.Current))
        {
            throw new CodeSetFormatException($"{sourceName} does not start with the HCPCS header (HCPC,SEQNUM,RECID,…).");
        }

        var header = rows.Current;
        var code = Column(header, "HCPC", sourceName);
        var recid = Column(header, "RECID", sourceName);
        var added = Column(header, "ADD DT", sourceName);
        var effective = Column(header, "ACT EFF DT", sourceName);
        var terminated = Column(header, "TERM DT", sourceName);

        var builder = new CodeTableBuilder(withFlags: false, withDates: true);
        var earliest = DateOnly.MaxValue;
        var line = 1;
        while (rows.MoveNext())
        {
            line++;
            var row = rows.Current;
            if (row.Length <= new[] { code, recid, added, effective, terminated }.Max())
            {
                throw new CodeSetFormatException($"{sourceName} record {line} has {row.Length} fields; the header has {header.Length}.");
            }

            // RECID 3 is a procedure's first line and 7 a modifier's; other record ids continue a description.
            var kind = row[recid].Trim();
            if (kind is not ("3" or "7"))
            {
                continue;
            }

            var value = row[code].Trim();
            var from = Date(row[added], sourceName, line) ?? Date(row[effective], sourceName, line);
            var to = Date(row[terminated], sourceName, line);
            var shapeOk = kind == "3" ? value.Length == 5 : value.Length == 2;
            if (!shapeOk || !builder.TryAdd(value, 0, from, to))
            {
                throw new CodeSetFormatException($"{sourceName} record {line}: '{value}' is not a HCPCS {(kind == "3" ? "code" : "modifier")} or appears twice.");
            }

            if (from is { } f && f < earliest)
            {
                earliest = f;
            }
        }

        if (builder.Count == 0)
        {
            throw new CodeSetFormatException($"{sourceName} holds no HCPCS code.");
        }

        var table = builder.Build();
        var info = new CodeSetInfo(
            CodeSetKind.Hcpcs,
            "HCPCS Level II",
            sourceName,
            sha256,
            earliest == DateOnly.MaxValue ? null : earliest,
            null,
            table.Count,
            BuiltIn: false,
            compiledAt);
        return new CompiledCodeSet(info, table);
    }

    private static int Column(string[] header, string name, string sourceName)
    {
        var index = Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new CodeSetFormatException($"{sourceName} has no '{name}' column.");
    }

    private static DateOnly? Date(string text, string sourceName, int line)
    {
        var value = text.AsSpan().Trim();
        if (value.IsEmpty)
        {
            return null;
        }

        return DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CodeSetFormatException($"{sourceName} record {line}: '{value}' is not a yyyyMMdd date.");
    }
}
