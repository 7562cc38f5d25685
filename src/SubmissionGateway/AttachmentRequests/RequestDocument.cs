namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// A document accepted into a request. Size and SHA-256 are of the bytes that will be sent (metadata already
/// removed), which is what the ledger must name.
/// </summary>
public sealed class RequestDocument
{
    public long Id { get; set; }

    public string RequestId { get; set; } = "";

    public string LoincCode { get; set; } = "";

    public DocumentFormats Format { get; set; }

    /// <summary>The last segment of the name the coder gave, for their own listing; never used as a path.</summary>
    public string FileName { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public int? PageCount { get; set; }

    public string AttachmentId { get; set; } = "";

    public string UploadedBy { get; set; } = "";

    public long UploadedAtMs { get; set; }
}
