using SubmissionGateway.X12.Claims;

namespace SubmissionGateway.X12.Attachments;

/// <summary>A typed view of a 275 (005010X210): who it is for, which claim it supports, and its documents.</summary>
public sealed class AttachmentTransaction
{
    public Organization? Payer { get; internal set; }

    public Organization? Submitter { get; internal set; }

    public Organization? Provider { get; internal set; }

    public Person? Patient { get; internal set; }

    /// <summary>TRN01: 1 unsolicited (answers a PWK), 2 solicited (answers a payer's request).</summary>
    public string? TraceType { get; internal set; }

    /// <summary>TRN02: the attachment control number (unsolicited) or the payer's request number (solicited).</summary>
    public string? TraceNumber { get; internal set; }

    /// <summary>REF*1K: the payer's claim control number.</summary>
    public string? PayerClaimControlNumber { get; internal set; }

    /// <summary>REF*EJ: the provider's patient control number (the claim's CLM01).</summary>
    public string? PatientControlNumber { get; internal set; }

    public DateOnly? ServiceDateFrom { get; internal set; }

    public DateOnly? ServiceDateTo { get; internal set; }

    public List<AttachmentDocument> Documents { get; } = [];

    public bool IsSolicited => TraceType == "2";
}
