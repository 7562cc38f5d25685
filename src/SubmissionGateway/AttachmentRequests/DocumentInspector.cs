using System.Text;
using System.Xml;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Decides what a document really is from its bytes, refuses what payers refuse (encrypted PDFs, scripts,
/// embedded files, XML with a DTD), and rewrites PDFs without their document information and XMP metadata:
/// author, software and revision history are PHI-adjacent and do not leave.
/// </summary>
internal static class DocumentInspector
{
    public static DocumentFormats Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return DocumentFormats.Pdf;
        }

        if (content.StartsWith("II*\0"u8) || content.StartsWith("MM\0*"u8))
        {
            return DocumentFormats.Tiff;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return DocumentFormats.Jpeg;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return DocumentFormats.Png;
        }

        var text = content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && text[first] == (byte)'<' ? DocumentFormats.CdaXml : DocumentFormats.None;
    }

    /// <summary>The format a file name claims by its extension, or None when it claims none the gateway knows.</summary>
    public static DocumentFormats Claimed(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".PDF" => DocumentFormats.Pdf,
        ".TIF" or ".TIFF" => DocumentFormats.Tiff,
        ".JPG" or ".JPEG" => DocumentFormats.Jpeg,
        ".PNG" => DocumentFormats.Png,
        ".XML" => DocumentFormats.CdaXml,
        _ => DocumentFormats.None,
    };

    public static InspectedDocument Inspect(string fileName, ReadOnlyMemory<byte> content, DocumentFormats allowed)
    {
        var detected = Detect(content.Span);
        var claimed = Claimed(fileName);
        if (claimed != DocumentFormats.None && detected != claimed)
        {
            return InspectedDocument.Refused(UploadRefusal.NotRecognized(Describe(claimed)));
        }

        if (detected == DocumentFormats.None)
        {
            return InspectedDocument.Refused(UploadRefusal.UnknownFormat());
        }

        if ((allowed & detected) == 0)
        {
            return InspectedDocument.Refused(UploadRefusal.FormatNotAllowed(detected));
        }

        return detected switch
        {
            DocumentFormats.Pdf => InspectPdf(content),
            DocumentFormats.CdaXml => InspectXml(content),
            _ => new InspectedDocument(detected, null, content, null),
        };
    }

    private static string Describe(DocumentFormats format) => format switch
    {
        DocumentFormats.Pdf => "a PDF",
        DocumentFormats.Tiff => "a TIFF image",
        DocumentFormats.Jpeg => "a JPEG image",
        DocumentFormats.Png => "a PNG image",
        _ => "an XML document",
    };

    private static InspectedDocument InspectPdf(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;

        // The raw scan sees what a lenient parser might skip over; the parse below sees what compression hides.
        if (ContainsName(bytes, "/Encrypt"u8))
        {
            return InspectedDocument.Refused(UploadRefusal.PdfEncrypted());
        }

        if (ContainsName(bytes, "/JavaScript"u8) || ContainsName(bytes, "/JS"u8))
        {
            return InspectedDocument.Refused(UploadRefusal.PdfJavaScript());
        }

        if (ContainsName(bytes, "/EmbeddedFile"u8) || ContainsName(bytes, "/EmbeddedFiles"u8))
        {
            return InspectedDocument.Refused(UploadRefusal.PdfEmbeddedFiles());
        }

        try
        {
            using var document = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = false });
            if (document.IsEncrypted)
            {
                return InspectedDocument.Refused(UploadRefusal.PdfEncrypted());
            }

            if (document.Advanced.TryGetEmbeddedFiles(out var files) && files.Count > 0)
            {
                return InspectedDocument.Refused(UploadRefusal.PdfEmbeddedFiles());
            }

            var (script, embedded) = PdfActiveContent.Find(document.Structure.Catalog.CatalogDictionary, document.Structure.TokenScanner);
            if (script)
            {
                return InspectedDocument.Refused(UploadRefusal.PdfJavaScript());
            }

            if (embedded)
            {
                return InspectedDocument.Refused(UploadRefusal.PdfEmbeddedFiles());
            }

            var pages = document.NumberOfPages;
            using var builder = new PdfDocumentBuilder { IncludeDocumentInformation = false, XmpMetadata = null };
            for (var page = 1; page <= pages; page++)
            {
                builder.AddPage(document, page);
            }

            // The rewrite writes names unescaped: a #xx-escaped /JavaScript anywhere in a copied page (e.g. its
            // additional actions) shows up here even though the scans above missed it. Found by fuzzing.
            var rewritten = builder.Build();
            if (ContainsName(rewritten, "/Encrypt"u8))
            {
                return InspectedDocument.Refused(UploadRefusal.PdfEncrypted());
            }

            if (ContainsName(rewritten, "/JavaScript"u8) || ContainsName(rewritten, "/JS"u8))
            {
                return InspectedDocument.Refused(UploadRefusal.PdfJavaScript());
            }

            if (ContainsName(rewritten, "/EmbeddedFile"u8) || ContainsName(rewritten, "/EmbeddedFiles"u8))
            {
                return InspectedDocument.Refused(UploadRefusal.PdfEmbeddedFiles());
            }

            return new InspectedDocument(DocumentFormats.Pdf, pages, rewritten, null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return InspectedDocument.Refused(UploadRefusal.PdfEncrypted());
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // PdfPig throws many types on malformed input (format, font, cast, index, overflow exceptions among them,
            // found by fuzzing); whichever it is, the upload is a PDF we cannot read.
            return InspectedDocument.Refused(UploadRefusal.PdfUnreadable());
        }
    }

    // A PDF name ends at whitespace or a delimiter; "/JS" must not match "/JSomething".
    private static bool ContainsName(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> name)
    {
        var from = 0;
        while (from < bytes.Length)
        {
            var at = bytes[from..].IndexOf(name);
            if (at < 0)
            {
                return false;
            }

            var end = from + at + name.Length;
            if (end >= bytes.Length || "\0\t\n\f\r ()<>[]{}/%"u8.Contains(bytes[end]))
            {
                return true;
            }

            from = end;
        }

        return false;
    }

    private static InspectedDocument InspectXml(ReadOnlyMemory<byte> content)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
        };
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            string? root = null;
            while (reader.Read())
            {
                if (root is null && reader.NodeType == XmlNodeType.Element)
                {
                    root = reader.LocalName;
                }
            }

            return root == "ClinicalDocument"
                ? new InspectedDocument(DocumentFormats.CdaXml, null, content, null)
                : InspectedDocument.Refused(UploadRefusal.XmlRefused("The XML is not a C-CDA document (its root element is not ClinicalDocument)."));
        }
        catch (XmlException)
        {
            return InspectedDocument.Refused(UploadRefusal.XmlRefused(
                "The XML is malformed or declares a DTD or entities, which are refused; export the C-CDA without a DOCTYPE."));
        }
    }

    internal static string Encode(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
