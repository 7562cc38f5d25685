using System.Text;

namespace SubmissionGateway.X12.CodeSets;

/// <summary>RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks), as CMS and NUCC publish them.</summary>
internal static class CsvRecords
{
    public static IEnumerable<string[]> Read(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        var inQuotes = false;
        var any = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return [.. fields];
                    }

                    fields.Clear();
                    field.Clear();
                    any = false;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new CodeSetFormatException("The CSV file ends inside a quoted field.");
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }
}
