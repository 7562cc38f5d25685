namespace SubmissionGateway.Intake;

/// <summary>
/// A directly posted 275 that matched and was recorded and queued: what it answered (a claim's PWK, or a payer's
/// request), the disclosure entry and the delivery that carry it.
/// </summary>
public sealed record AcceptedAttachment(
    string AttachmentId,
    bool Solicited,
    string TraceNumber,
    string ClaimId,
    string PayerId,
    string? RequestId,
    IReadOnlyList<AttachedDocument> Documents,
    long LedgerSequence,
    string ForwardKey,
    bool Replayed);
