using SubmissionGateway.Api.Hosting;

namespace SubmissionGateway.Api.OpenApi;

/// <summary>
/// Every problem <c>type</c> the API answers with (RFC 9457), for the document's description. The gateway's own
/// types are relative URIs under <c>/problems/</c>; the framework's (authentication, routing) use the RFC 9110 links.
/// </summary>
internal static class ProblemCatalog
{
    public static readonly IReadOnlyList<(string Type, int Status, string Meaning)> Types =
    [
        (ProblemTypes.BadRequest, 400, "The request could not be read or a parameter is not valid."),
        (ProblemTypes.NotX12, 400, "The body is not exactly one X12 interchange (ISA to IEA)."),
        (ProblemTypes.SubmitterMismatch, 403, "ISA06 names another submitter than the one the credential is bound to."),
        (ProblemTypes.InterchangeReused, 409, "The submitter already used this ISA13 for a different file; a true repeat (same bytes) is answered 200 with `replayed: true`."),
        (ProblemTypes.IdempotencyKeyReused, 409, "The Idempotency-Key was already used for a different body."),
        (ProblemTypes.TooLarge, 413, "The body is larger than the endpoint or the attachment request allows."),
        ("/problems/request-not-found", 404, "No such attachment request for this coder (one assigned to another coder is answered the same way)."),
        ("/problems/request-not-open", 409, "The attachment request is no longer open."),
        ("/problems/request-expired", 409, "The attachment request's response window has closed."),
        ("/problems/document-count-used-up", 409, "The request already holds as many documents of this type as the payer asked for."),
        ("/problems/request-empty", 409, "Nothing to submit: the request holds no document."),
        ("/problems/document-too-large", 413, "The document is larger than the request allows."),
        ("/problems/request-size-exceeded", 413, "The document would take the request over its total size."),
        ("/problems/subject-mismatch", 422, "The stated patient, claim or date of service is not the request's (the `field` extension names which)."),
        ("/problems/document-type-not-requested", 422, "The request does not ask for this LOINC document type."),
        ("/problems/file-name-invalid", 422, "The file name is empty or unusable."),
        ("/problems/content-not-recognized", 422, "The content is not what its name says, or not PDF, TIFF, JPEG or PNG."),
        ("/problems/format-not-allowed", 422, "The request does not take this document format."),
        ("/problems/pdf-encrypted", 422, "The PDF is encrypted or password-protected."),
        ("/problems/pdf-javascript", 422, "The PDF contains JavaScript."),
        ("/problems/pdf-embedded-files", 422, "The PDF carries embedded files."),
        ("/problems/pdf-unreadable", 422, "The PDF is damaged or unreadable."),
        ("/problems/xml-refused", 422, "The XML document is refused (DTDs, external entities, not well-formed)."),
        ("/problems/payer-refuses-275", 422, "The request's payer does not take 275 attachments."),
        ("https://tools.ietf.org/html/rfc9110#section-15.5.2", 401, "No valid bearer token (or client certificate)."),
        ("https://tools.ietf.org/html/rfc9110#section-15.5.4", 403, "Authenticated, but the role or submitter binding does not allow this."),
        ("https://tools.ietf.org/html/rfc9110#section-15.5.16", 415, "The body's media type is not the one this endpoint reads."),
        ("https://tools.ietf.org/html/rfc6585#section-4", 429, "Too many requests; retry after the Retry-After header."),
    ];
}
