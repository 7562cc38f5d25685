using SubmissionGateway.Disclosures;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Forwarding;

/// <summary>
/// A payload to send to a payer. <see cref="ControlNumber"/> is the interchange control number (837) or the
/// attachment control number (275); with the payload's hash it makes the idempotency key.
/// </summary>
public sealed record ForwardingRequest(
    PatientIdentity Patient,
    string PayerId,
    string TransactionType,
    string ControlNumber,
    string PayloadReference,
    string ContentType,
    DisclosedContent Content,
    DisclosurePurpose Purpose,
    string LegalBasis,
    string Actor,
    string SubmissionId)
{
    /// <summary>
    /// The store's receipt when the caller has just stored the payload under <see cref="PayloadReference"/>: its size
    /// and SHA-256 are recorded instead of reading the payload back. The worker still checks the hash before sending.
    /// </summary>
    public AttachmentReceipt? Stored { get; init; }
}
