namespace SubmissionGateway.AttachmentRequests;

/// <summary>Either the accepted document or why it was refused; a refused upload left nothing behind.</summary>
public sealed record UploadResult(RequestDocument? Document, UploadRefusal? Refusal)
{
    public bool Accepted => Document is not null;

    internal static UploadResult Refused(UploadRefusal refusal) => new(null, refusal);
}
