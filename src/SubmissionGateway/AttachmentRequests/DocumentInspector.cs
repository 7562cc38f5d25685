using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using SubmissionGateway.Protection.Envelope;
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
        if (Admit(fileName, detected, allowed) is { } refusal)
        {
            return InspectedDocument.Refused(refusal);
        }

        return detected switch
        {
            DocumentFormats.Pdf => InspectPdf(content),
            DocumentFormats.CdaXml => InspectXml(content),
            _ => new InspectedDocument(detected, null, content, null),
        };
    }

    /// <summary>
    /// Whether a document detected as <paramref name="detected"/> (from its first bytes) may go further: it must be what
    /// its name claims, a format the gateway knows, and one the request allows. Null when it may.
    /// </summary>
    public static UploadRefusal? Admit(string fileName, DocumentFormats detected, DocumentFormats allowed)
    {
        var claimed = Claimed(fileName);
        if (claimed != DocumentFormats.None && detected != claimed)
        {
            return UploadRefusal.NotRecognized(Describe(claimed));
        }

        if (detected == DocumentFormats.None)
        {
            return UploadRefusal.UnknownFormat();
        }

        return (allowed & detected) == 0 ? UploadRefusal.FormatNotAllowed(detected) : null;
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
        var source = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        using (source)
        {
            using var rewrite = new MemoryStream();
            var (pages, refusal) = InspectPdf(source, rewrite);
            refusal ??= RewriteRefusal(PdfNameScan.Of(rewrite.GetBuffer().AsSpan(0, (int)rewrite.Length)));
            refusal ??= ReadBackRefusal(rewrite, pages!.Value);
            return refusal is null
                ? new InspectedDocument(DocumentFormats.Pdf, pages, rewrite.ToArray(), null)
                : InspectedDocument.Refused(refusal);
        }
    }

    /// <summary>
    /// Judges a PDF read from the seekable <paramref name="source"/> and writes its rewrite without document
    /// information or XMP metadata to <paramref name="rewrite"/>. The rewrite must then pass <see cref="RewriteRefusal"/>
    /// before it is kept: that scan is the caller's, so a rewrite that is not held in memory can be scanned as it is read.
    /// </summary>
    public static (int? Pages, UploadRefusal? Refusal) InspectPdf(Stream source, Stream rewrite)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rewrite);

        // The raw scan sees what a lenient parser might skip over; the parse below sees what compression hides.
        source.Position = 0;
        var raw = PdfNameScan.Of(source);

        if (raw.Encrypt)
        {
            return (null, UploadRefusal.PdfEncrypted());
        }

        if (raw.JavaScript)
        {
            return (null, UploadRefusal.PdfJavaScript());
        }

        if (raw.EmbeddedFiles)
        {
            return (null, UploadRefusal.PdfEmbeddedFiles());
        }

        source.Position = 0;
        try
        {
            using var document = PdfDocument.Open(source, new ParsingOptions { UseLenientParsing = false });
            if (document.IsEncrypted)
            {
                return (null, UploadRefusal.PdfEncrypted());
            }

            if (document.Advanced.TryGetEmbeddedFiles(out var files) && files.Count > 0)
            {
                return (null, UploadRefusal.PdfEmbeddedFiles());
            }

            var (script, embedded, guessedStreamEnd) = PdfObjectWalk.Find(document.Structure.Catalog.CatalogDictionary, document.Structure.TokenScanner);
            if (script)
            {
                return (null, UploadRefusal.PdfJavaScript());
            }

            if (embedded)
            {
                return (null, UploadRefusal.PdfEmbeddedFiles());
            }

            // Refused before the rewrite rather than copied: the rewrite would keep the guess, and the payer's reader may guess otherwise.
            if (guessedStreamEnd)
            {
                return (null, UploadRefusal.PdfDamaged());
            }

            var pages = document.NumberOfPages;
            using var sink = new RewriteSink(rewrite);
            using var builder = new PdfDocumentBuilder(sink, disposeStream: false) { IncludeDocumentInformation = false, XmpMetadata = null };
            for (var page = 1; page <= pages; page++)
            {
                builder.AddPage(document, page);
            }

            builder.Build();
            return (pages, null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return (null, UploadRefusal.PdfEncrypted());
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException or EnvelopeException))
        {
            // PdfPig throws many types on malformed input (format, font, cast, index, overflow exceptions among them,
            // found by fuzzing); whichever it is, the upload is a PDF we cannot read. (A failing spool is not the PDF's fault.)
            return (null, UploadRefusal.PdfUnreadable());
        }
    }

    /// <summary>
    /// The rewrite is what the payer receives, so it must itself pass the inspection the upload passed, with the same
    /// pages: a coder told now can re-save the document, a payer handed an unreadable one denies the claim weeks later.
    /// PdfPig copied a page into a rewrite its own parser then refused (found by the 10-million-input fuzzing run; the cause,
    /// a stream whose /Length was wrong, is now refused before the rewrite by <see cref="PdfObjectWalk"/>, and this stays
    /// as the net for causes not yet known). The seekable <paramref name="rewrite"/> is read from its start.
    /// </summary>
    public static UploadRefusal? ReadBackRefusal(Stream rewrite, int pages)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var (again, refusal) = InspectPdf(rewrite, Stream.Null);
        return refusal ?? (again == pages ? null : UploadRefusal.PdfUnreadable());
    }

    /// <summary>
    /// The rewrite writes names unescaped: a #xx-escaped /JavaScript anywhere in a copied page (e.g. its additional
    /// actions) shows up in the rewrite even though the scans of the upload missed it. Found by fuzzing.
    /// </summary>
    public static UploadRefusal? RewriteRefusal(PdfNameScan rewritten) =>
        rewritten.Encrypt ? UploadRefusal.PdfEncrypted()
        : rewritten.JavaScript ? UploadRefusal.PdfJavaScript()
        : rewritten.EmbeddedFiles ? UploadRefusal.PdfEmbeddedFiles()
        : null;

    private static InspectedDocument InspectXml(ReadOnlyMemory<byte> content)
    {
        using var stream = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        return InspectXml(stream) is { } refusal ? InspectedDocument.Refused(refusal) : new InspectedDocument(DocumentFormats.CdaXml, null, content, null);
    }

    /// <summary>Reads a C-CDA document through once, without a DTD; null when it is one the gateway takes.</summary>
    public static UploadRefusal? InspectXml(Stream content)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
        };
        try
        {
            using var reader = XmlReader.Create(content, settings);
            string? root = null;
            while (reader.Read())
            {
                if (root is null && reader.NodeType == XmlNodeType.Element)
                {
                    root = reader.LocalName;
                }
            }

            return root == "ClinicalDocument"
                ? null
                : UploadRefusal.XmlRefused("The XML is not a C-CDA document (its root element is not ClinicalDocument).");
        }
        catch (XmlException)
        {
            return UploadRefusal.XmlRefused(
                "The XML is malformed or declares a DTD or entities, which are refused; export the C-CDA without a DOCTYPE.");
        }
    }

    internal static string Encode(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
