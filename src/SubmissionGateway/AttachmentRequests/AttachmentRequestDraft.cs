using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// What a new request must name. Limits, formats and lifetime left null come from the payer's defaults; they can
/// only be narrowed, never widened past them.
/// </summary>
public sealed record AttachmentRequestDraft(
    string PayerId,
    string? ClaimId,
    string? PayerClaimControlNumber,
    PatientIdentity Patient,
    DateOnly ServiceDateFrom,
    DateOnly ServiceDateTo,
    AttachmentRequestPurpose Purpose,
    IReadOnlyDictionary<string, int> DocumentTypes,
    string AssignedCoder,
    string? PayerRequestNumber = null,
    long? MaxDocumentBytes = null,
    long? MaxTotalBytes = null,
    DocumentFormats? AllowedFormats = null,
    TimeSpan? Lifetime = null);
