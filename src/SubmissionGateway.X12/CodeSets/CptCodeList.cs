namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// A licensed CPT code list exported as text (file name containing "cpt"): a CPT code at the start of each line,
/// anything after a tab, comma, pipe or space ignored; blank lines and lines starting with # skipped. Without
/// dates: the list is taken to be the one for the dates of service being checked.
/// </summary>
internal static class CptCodeList
{
    public static CompiledCodeSet Parse(string text, string sourceName, string sha256, DateTimeOffset compiledAt)
    {
        var builder = new CodeTableBuilder(withFlags: false, withDates: false);
        var lineNumber = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var end = line.IndexOfAny("\t,| ");
            var code = end < 0 ? line : line[..end];
            var shapeOk = code.Length == 5 && !code[..4].ContainsAnyExceptInRange('0', '9')
                && (char.IsAsciiDigit(code[4]) || code[4] is 'F' or 'T' or 'U');
            if (!shapeOk)
            {
                if (lineNumber == 1)
                {
                    continue; // a column header
                }

                throw new CodeSetFormatException($"{sourceName} line {lineNumber}: '{code}' is not a CPT code.");
            }

            builder.TryAdd(code);
        }

        if (builder.Count == 0)
        {
            throw new CodeSetFormatException($"{sourceName} holds no CPT code.");
        }

        var table = builder.Build();
        var info = new CodeSetInfo(CodeSetKind.Cpt, "CPT (licensed list)", sourceName, sha256, null, null, table.Count, BuiltIn: false, compiledAt);
        return new CompiledCodeSet(info, table);
    }
}
