using System.Globalization;
using System.Text;

namespace SubmissionGateway.Fuzzing.Mutation;

/// <summary>Small invented PDFs with a correct cross-reference table, each carrying one trait the inspection looks for.</summary>
internal static class SyntheticPdfSeeds
{
    public static IEnumerable<byte[]> All()
    {
        yield return Build(1, catalogExtra: "", trailerExtra: "");
        yield return Build(3, catalogExtra: "", trailerExtra: "/Info 9 0 R", info: true);
        yield return Build(1, catalogExtra: "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", trailerExtra: "");
        yield return Build(1, catalogExtra: "/Names << /EmbeddedFiles << /Names [(a.txt) << /Type /Filespec /F (a.txt) >>] >> >>", trailerExtra: "");
        yield return Build(1, catalogExtra: "", trailerExtra: "/Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>");
        yield return Build(2, catalogExtra: "/OpenAction [4 0 R /Fit]", trailerExtra: "");
    }

    private static byte[] Build(int pages, string catalogExtra, string trailerExtra, bool info = false)
    {
        // Objects: 1 catalog, 2 pages, 3 font, 4.. page/content pairs, then the optional info dictionary.
        var objects = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(0, pages).Select(p => $"{4 + (2 * p)} 0 R"))}] /Count {pages} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        for (var page = 0; page < pages; page++)
        {
            var content = $"BT /F1 12 Tf 72 720 Td (Invented patient Quill Marrowby page {page + 1}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + (2 * page)} 0 R >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }

        if (info)
        {
            objects.Add("<< /Author (Dr Invented Author) /Producer (Synthetic Scanner 1.0) >>");
        }

        var text = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(text.Length);
            text.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        text.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R {trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
