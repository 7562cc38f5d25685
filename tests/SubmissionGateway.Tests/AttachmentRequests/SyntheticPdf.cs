using System.Globalization;
using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SubmissionGateway.Tests.AttachmentRequests;

/// <summary>Invented PDFs: written object by object with a correct cross-reference table, so each trait is exactly what a test puts in.</summary>
internal static class SyntheticPdf
{
    public const string Author = "Dr Ottoline Fernsby-Quagmire";
    public const string Producer = "ScanStation Secret 9.7";
    public const string XmpMarker = "xmp-revision-history-42";

    /// <summary>A one- or more-page PDF carrying an information dictionary and XMP metadata.</summary>
    public static byte[] WithMetadata(int pages = 2) => Build(pages, catalogExtra: "/Metadata 9 0 R", trailerExtra: "/Info 8 0 R", withInfo: true);

    public static byte[] WithJavaScript() => Build(1, catalogExtra: "/OpenAction << /S /JavaScript /JS (app.alert\\('hi'\\)) >>");

    /// <summary>The same script, its names written with #xx escapes so that a byte scan for "/JavaScript" or "/JS" misses it.</summary>
    public static byte[] WithEscapedJavaScript() => Build(1, catalogExtra: "/OpenAction << /S /J#61vaScript /J#53 (app.alert\\('hi'\\)) >>");

    /// <summary>An embedded file behind an escaped name.</summary>
    public static byte[] WithEscapedEmbeddedFile() => Build(1, catalogExtra: "/Names << /Emb#65ddedFiles << /Names [(note.txt) << /Type /Filespec /F (note.txt) >>] >> >>");

    /// <summary>A plain page whose catalog opens at page 1: a harmless action that must not be mistaken for a script.</summary>
    public static byte[] WithGoToOpenAction() => Build(1, catalogExtra: "/OpenAction [10 0 R /Fit]");

    public static byte[] WithEmbeddedFile() => Build(1, catalogExtra: "/Names << /EmbeddedFiles << /Names [(note.txt) << /Type /Filespec /F (note.txt) >>] >> >>");

    /// <summary>Looks like an encrypted PDF: the trailer names an /Encrypt dictionary.</summary>
    public static byte[] EncryptedLike() => Build(1, trailerExtra: "/Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>");

    /// <summary>
    /// A sound page carrying the name Encrypt #xx-escaped, so neither the byte scan of the upload nor PdfPig's trailer
    /// check sees it, but the rewrite writes it plainly as /Encrypt.
    /// </summary>
    public static byte[] WithEscapedEncryptNameInPage() => Build(1, pageExtra: "/PieceInfo << /Encr#79pt true >>");

    /// <summary>Pages whose content streams do not state their /Length, so a reader finds their end only by searching for "endstream".</summary>
    public static byte[] WithContentLengthMissing(int pages = 2) => Build(pages, lengthMissing: true);

    /// <summary>Pages whose content streams state their /Length in an object of its own, as many PDF writers do.</summary>
    public static byte[] WithContentLengthByReference(int pages = 2) => Build(pages, lengthByReference: true);

    /// <summary>What PdfPig's own builder writes, with document information set.</summary>
    public static byte[] FromBuilder()
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Author = Author;
        builder.DocumentInformation.Producer = Producer;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(595, 842);
        page.AddText("Synthetic operative note for an invented patient.", 12, new PdfPoint(72, 720), font);
        return builder.Build();
    }

    private static byte[] Build(int pages, string catalogExtra = "", string trailerExtra = "", bool withInfo = false, bool lengthByReference = false, bool lengthMissing = false, string pageExtra = "")
    {
        var objects = new List<string>();
        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{10 + (2 * i)} 0 R"));
        objects.Add($"1 0 obj\n<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>\nendobj\n");
        objects.Add($"2 0 obj\n<< /Type /Pages /Kids [{kids}] /Count {pages} >>\nendobj\n");
        objects.Add("3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
        if (withInfo)
        {
            objects.Add($"8 0 obj\n<< /Author ({Author}) /Producer ({Producer}) /Creator ({Producer}) >>\nendobj\n");
            var xmp = $"<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmpMM:DocumentID=\"{XmpMarker}\"/></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
            objects.Add($"9 0 obj\n<< /Type /Metadata /Subtype /XML /Length {xmp.Length} >>\nstream\n{xmp}\nendstream\nendobj\n");
        }

        for (var i = 0; i < pages; i++)
        {
            var page = 10 + (2 * i);
            var text = $"BT /F1 12 Tf 72 720 Td (Synthetic page {i + 1}) Tj ET";
            objects.Add($"{page} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {page + 1} 0 R {pageExtra} >>\nendobj\n");
            var length = lengthMissing ? "" : lengthByReference ? $"/Length {page + 100} 0 R" : $"/Length {text.Length}";
            objects.Add($"{page + 1} 0 obj\n<< {length} >>\nstream\n{text}\nendstream\nendobj\n");
            if (lengthByReference)
            {
                objects.Add($"{page + 100} 0 obj\n{text.Length}\nendobj\n");
            }
        }

        var body = new StringBuilder("%PDF-1.7\n");
        var offsets = new SortedDictionary<int, int>();
        foreach (var obj in objects)
        {
            offsets[int.Parse(obj.AsSpan(0, obj.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture)] = body.Length;
            body.Append(obj);
        }

        var size = offsets.Keys.Max() + 1;
        var xref = body.Length;
        body.Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f \n");
        for (var n = 1; n < size; n++)
        {
            body.Append(offsets.TryGetValue(n, out var at) ? $"{at:D10} 00000 n \n" : "0000000000 65535 f \n");
        }

        body.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root 1 0 R {trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(body.ToString());
    }
}
