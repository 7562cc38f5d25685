using SubmissionGateway.AttachmentRequests;

namespace SubmissionGateway.Fuzzing.Targets;

/// <summary>
/// The upload inspection of a document that says it is a PDF (format sniffing, the raw scan for scripts, embedded
/// files and encryption, the PdfPig parse and the metadata-free rewrite). Properties: nothing escapes (a PDF that
/// cannot be read is a refusal); what is accepted is a rewrite that passes the same inspection again with the same
/// page count, so the stored copy is never something the gate would have refused.
/// </summary>
public sealed class PdfTarget : IFuzzTarget
{
    private const DocumentFormats Allowed = DocumentFormats.Pdf | DocumentFormats.Tiff | DocumentFormats.Png | DocumentFormats.Jpeg | DocumentFormats.CdaXml;

    public string Name => "pdf";

    public void Check(byte[] input)
    {
        var first = DocumentInspector.Inspect("operative-note.pdf", input, Allowed);
        // The same bytes under a name that claims nothing: sniffing alone decides.
        DocumentInspector.Inspect("upload", input, Allowed);
        if (first.Refusal is not null)
        {
            return;
        }

        if (first.Format != DocumentFormats.Pdf)
        {
            throw new FuzzFailure($"A file named .pdf was accepted as {first.Format}.");
        }

        var again = DocumentInspector.Inspect("operative-note.pdf", first.Content, Allowed);
        if (again.Refusal is not null)
        {
            throw new FuzzFailure($"The stored rewrite of an accepted PDF is itself refused: {again.Refusal.Type}: {again.Refusal.Detail}");
        }

        if (again.PageCount != first.PageCount)
        {
            throw new FuzzFailure($"The rewrite has {again.PageCount} pages, the upload {first.PageCount}.");
        }
    }
}
