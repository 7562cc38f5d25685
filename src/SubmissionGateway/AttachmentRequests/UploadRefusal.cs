namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Why a document or a submission was refused. <see cref="Type"/> is a stable slug the API turns into an RFC 9457
/// problem type; <see cref="Detail"/> is a sentence a coder can act on; <see cref="Field"/> names the stated value
/// that disagreed, when one did.
/// </summary>
public sealed record UploadRefusal(string Type, string Title, string Detail, string? Field = null)
{
    /// <summary>A request that does not exist and one assigned to another coder get this same answer.</summary>
    public const string RequestNotFoundType = "request-not-found";

    internal static UploadRefusal RequestNotFound(string id) =>
        new(RequestNotFoundType, "Request not found", $"There is no attachment request '{id}'.");

    internal static UploadRefusal NotOpen(AttachmentRequestState state) =>
        new("request-not-open", "Request not open", $"This request is {state.ToString().ToLowerInvariant()}; it takes no more documents.");

    internal static UploadRefusal Expired(DateTimeOffset at) =>
        new("request-expired", "Request expired", $"This request expired on {at:yyyy-MM-dd HH:mm} UTC; ask the payer or your supervisor for a new one.");

    internal static UploadRefusal Mismatch(string field, string detail) =>
        new("subject-mismatch", "Document does not match the request", detail, field);

    internal static UploadRefusal TypeNotRequested(string loinc) =>
        new("document-type-not-requested", "Document type not requested", $"This request does not ask for LOINC {loinc}; send only the document types the request lists.");

    internal static UploadRefusal CountUsedUp(string loinc, int count) =>
        new("document-count-used-up", "No more documents of this type", $"This request takes {count} document(s) of LOINC {loinc} and already has them.");

    internal static UploadRefusal TooLarge(long limit) =>
        new("document-too-large", "Document too large", $"The document is larger than the {limit} bytes this request allows per document.");

    internal static UploadRefusal TotalExceeded(long remaining) =>
        new("request-size-exceeded", "Request size exceeded", $"This document would pass the request's total size limit; only {remaining} bytes remain.");

    internal static UploadRefusal BadFileName() =>
        new("file-name-invalid", "File name not usable", "The file name is empty or has no usable last segment.");

    internal static UploadRefusal NotRecognized(string claimed) =>
        new("content-not-recognized", "Content is not what it claims", $"The file is named as {claimed}, but its content is not {claimed}.");

    internal static UploadRefusal UnknownFormat() =>
        new("content-not-recognized", "Content is not what it claims", "The content is not a PDF, TIFF, JPEG or PNG document.");

    internal static UploadRefusal FormatNotAllowed(DocumentFormats format) =>
        new("format-not-allowed", "Format not accepted", $"This request does not take {format} documents.");

    internal static UploadRefusal PdfEncrypted() =>
        new("pdf-encrypted", "Encrypted PDF", "The PDF is encrypted or password-protected; payers cannot open it. Save it without a password and upload again.");

    internal static UploadRefusal PdfJavaScript() =>
        new("pdf-javascript", "PDF contains JavaScript", "The PDF contains JavaScript, which payers refuse. Print it to a plain PDF and upload again.");

    internal static UploadRefusal PdfEmbeddedFiles() =>
        new("pdf-embedded-files", "PDF contains embedded files", "The PDF carries embedded files; send each document on its own.");

    internal static UploadRefusal PdfUnreadable() =>
        new("pdf-unreadable", "PDF cannot be read", "The PDF is damaged or not a PDF the gateway can read.");

    /// <summary>A PDF PdfPig reads only by guessing (a stream whose /Length is missing or wrong): the type of an unreadable one, a detail that says what to do.</summary>
    internal static UploadRefusal PdfDamaged() =>
        new("pdf-unreadable", "PDF cannot be read", "The PDF is damaged: part of it does not state its length correctly, so a reader can only guess where it ends and the payer may not see what you see. Re-save it or print it to PDF, then upload again.");

    internal static UploadRefusal XmlRefused(string why) =>
        new("xml-refused", "XML document refused", why);

    internal static UploadRefusal NothingToSubmit() =>
        new("request-empty", "Nothing to submit", "The request has no documents yet.");

    internal static UploadRefusal PayerRefused(string why) =>
        new("payer-refuses-275", "Payer does not take this attachment", why);
}
