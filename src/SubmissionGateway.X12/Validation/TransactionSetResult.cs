using SubmissionGateway.X12.Attachments;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Guides;

namespace SubmissionGateway.X12.Validation;

/// <summary>The verdict on one ST…SE transaction set.</summary>
public sealed class TransactionSetResult
{
    internal TransactionSetResult(string setId, string controlNumber, string? implementation, long offset)
    {
        SetId = setId;
        ControlNumber = controlNumber;
        Implementation = implementation;
        Offset = offset;
    }

    /// <summary>ST01: 837, 275…</summary>
    public string SetId { get; }

    /// <summary>ST02.</summary>
    public string ControlNumber { get; }

    /// <summary>ST03 (or GS08 when ST03 is absent).</summary>
    public string? Implementation { get; internal set; }

    /// <summary>The guide the set was validated against; null when none applies.</summary>
    public ImplementationGuide? Guide { get; internal set; }

    public long Offset { get; }

    /// <summary>BHT03: the originator's reference for the batch, echoed in the 277CA.</summary>
    public string? Reference { get; internal set; }

    /// <summary>Number of segments from ST to SE, as counted.</summary>
    public int SegmentCount { get; internal set; }

    public List<X12Finding> Findings { get; } = [];

    /// <summary>Claims of an 837, in file order, each with its own verdict.</summary>
    public ClaimList Claims { get; } = new();

    /// <summary>The attachment a 275 carries, when the set is a 275.</summary>
    public AttachmentTransaction? Attachment { get; internal set; }

    /// <summary>True when nothing at SNIP 1–2 rejects the set (the 999's IK5 is A or E).</summary>
    public bool SyntaxAccepted => !Findings.Exists(f => f.Scope is FindingScope.TransactionSet);

    /// <summary>Accepted when the syntax is accepted and, for an 837, at least one claim is accepted.</summary>
    public bool Accepted => SyntaxAccepted && (Claims.Count == 0 || Claims.Exists(c => c.Accepted));
}
