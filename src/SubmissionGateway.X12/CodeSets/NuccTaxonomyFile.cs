namespace SubmissionGateway.X12.CodeSets;

/// <summary>The NUCC Health Care Provider Taxonomy CSV (nucc_taxonomy_NNN.csv): Code,Grouping,Classification,Specialization,….</summary>
internal static class NuccTaxonomyFile
{
    public static bool LooksLikeHeader(IReadOnlyList<string> header) =>
        header.Count >= 3 && header[0].Trim().Equals("Code", StringComparison.OrdinalIgnoreCase)
        && header[1].Trim().Equals("Grouping", StringComparison.OrdinalIgnoreCase);

    public static CompiledCodeSet Parse(IEnumerable<string[]> records, string sourceName, string sha256, DateTimeOffset compiledAt)
    {
        var builder = new CodeTableBuilder(withFlags: false, withDates: false);
        var line = 0;
        foreach (var row in records)
        {
            line++;
            if (line == 1)
            {
                if (!LooksLikeHeader(row))
                {
                    throw new CodeSetFormatException($"{sourceName} does not start with the NUCC header (Code,Grouping,…).");
                }

                continue;
            }

            var code = row[0].Trim();
            if (code.Length != 10 || code[9] != 'X' || !builder.TryAdd(code))
            {
                throw new CodeSetFormatException($"{sourceName} record {line}: '{code}' is not a taxonomy code or appears twice.");
            }
        }

        if (builder.Count == 0)
        {
            throw new CodeSetFormatException($"{sourceName} holds no taxonomy code.");
        }

        var table = builder.Build();
        var info = new CodeSetInfo(CodeSetKind.NuccTaxonomy, "NUCC provider taxonomy", sourceName, sha256, null, null, table.Count, BuiltIn: false, compiledAt);
        return new CompiledCodeSet(info, table);
    }
}
