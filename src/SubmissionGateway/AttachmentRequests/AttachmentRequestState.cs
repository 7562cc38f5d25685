namespace SubmissionGateway.AttachmentRequests;

/// <summary>Where a request stands: uploads are taken only while it is open.</summary>
public enum AttachmentRequestState
{
    Open,
    Submitted,
    Closed,
}
