namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// A request for documents and its scope. The patient is held only as a blind index and encrypted fields, so the
/// table can be searched by patient without holding one in clear.
/// </summary>
public sealed class AttachmentRequest
{
    public string Id { get; set; } = "";

    public string PayerId { get; set; } = "";

    /// <summary>The provider's claim id (CLM01).</summary>
    public string? ClaimId { get; set; }

    public string? PayerClaimControlNumber { get; set; }

    /// <summary>The payer's own reference for the request (277RFAI TRN02), echoed in the 275 answering it.</summary>
    public string? PayerRequestNumber { get; set; }

    public byte[] PatientIndex { get; set; } = [];

    public byte[] PatientNameProtected { get; set; } = [];

    public byte[] PatientMemberIdProtected { get; set; } = [];

    public byte[] PatientBirthDateProtected { get; set; } = [];

    public DateOnly ServiceDateFrom { get; set; }

    public DateOnly ServiceDateTo { get; set; }

    public AttachmentRequestPurpose Purpose { get; set; }

    public long MaxDocumentBytes { get; set; }

    public long MaxTotalBytes { get; set; }

    public DocumentFormats AllowedFormats { get; set; }

    public string AssignedCoder { get; set; } = "";

    public long CreatedAtMs { get; set; }

    public long ExpiresAtMs { get; set; }

    public AttachmentRequestState State { get; set; }

    public long? SubmittedAtMs { get; set; }

    public List<RequestedDocumentType> RequestedTypes { get; set; } = [];

    public List<RequestDocument> Documents { get; set; } = [];
}
