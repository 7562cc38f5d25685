namespace SubmissionGateway.AttachmentRequests;

/// <summary>Why documents are being gathered; it becomes the purpose recorded in the disclosure ledger.</summary>
public enum AttachmentRequestPurpose
{
    /// <summary>A payer asked (277RFAI / additional documentation request).</summary>
    PayerRequest,
    Appeal,
    DenialResponse,
}
