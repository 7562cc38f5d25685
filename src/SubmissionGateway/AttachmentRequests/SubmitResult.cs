using SubmissionGateway.Forwarding;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>The 275 that was recorded and queued for the payer, or why nothing was.</summary>
public sealed record SubmitResult(ForwardingReceipt? Receipt, string? AttachmentControlNumber, long Size, string? Sha256, UploadRefusal? Refusal)
{
    public bool Accepted => Receipt is not null;

    internal static SubmitResult Refused(UploadRefusal refusal) => new(null, null, 0, null, refusal);
}
