using System.Text;
using SubmissionGateway.Intake;

namespace SubmissionGateway.Api.Attachments;

/// <summary>The answer of <c>POST /attachments</c>: what the 275 answered, where it was recorded, and the 999.</summary>
public sealed record AttachmentResponse(
    string AttachmentId,
    bool Solicited,
    string TraceNumber,
    string ClaimId,
    string PayerId,
    string? RequestId,
    IReadOnlyList<AttachedDocument> Documents,
    long LedgerSequence,
    string ForwardKey,
    bool Replayed,
    string Acknowledgment999)
{
    public static AttachmentResponse Of(AcceptedAttachment accepted, byte[] acknowledgment)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        return new(accepted.AttachmentId, accepted.Solicited, accepted.TraceNumber, accepted.ClaimId, accepted.PayerId, accepted.RequestId,
            accepted.Documents, accepted.LedgerSequence, accepted.ForwardKey, accepted.Replayed, Encoding.Latin1.GetString(acknowledgment));
    }
}
