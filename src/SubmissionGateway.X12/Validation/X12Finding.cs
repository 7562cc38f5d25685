namespace SubmissionGateway.X12.Validation;

/// <summary>
/// One problem found in a file, with everything an acknowledgment and a biller need: the SNIP level, the 999
/// codes, where it is (segment, position in the transaction set, loop, element, component), the claim it
/// belongs to, and a sentence that says what is wrong.
/// </summary>
public sealed record X12Finding
{
    public required SnipLevel Snip { get; init; }

    public required FindingScope Scope { get; init; }

    /// <summary>A sentence a biller understands.</summary>
    public required string Message { get; init; }

    /// <summary>Segment id, e.g. NM1; null for envelope-wide findings.</summary>
    public string? SegmentId { get; init; }

    /// <summary>Position of the segment in the transaction set (ST = 1); 0 outside a transaction set.</summary>
    public int SegmentPosition { get; init; }

    /// <summary>Byte offset of the segment in the input.</summary>
    public long Offset { get; init; }

    /// <summary>The guide's loop id (2010AA) where the segment sits.</summary>
    public string? LoopId { get; init; }

    /// <summary>Element position (1-based) within the segment; 0 for a segment-level finding.</summary>
    public int ElementPosition { get; init; }

    /// <summary>Component position (1-based) within a composite; 0 when not in a composite.</summary>
    public int ComponentPosition { get; init; }

    /// <summary>Repetition (1-based) of a repeating element; 0 when not repeating.</summary>
    public int RepetitionPosition { get; init; }

    /// <summary>X12 data element reference number (IK4-02).</summary>
    public string? DataElementReference { get; init; }

    /// <summary>IK3-04 segment syntax error code (1–8, I4, I6–I9), when the finding is about a segment.</summary>
    public string? SegmentErrorCode { get; init; }

    /// <summary>IK4-03 element syntax error code (1–13, I6, I9–I13), when the finding is about an element.</summary>
    public string? ElementErrorCode { get; init; }

    /// <summary>IK5-02/AK9-05 or TA1-05 code for envelope findings.</summary>
    public string? EnvelopeErrorCode { get; init; }

    /// <summary>A copy of the bad value (IK4-04), when there is one.</summary>
    public string? BadValue { get; init; }

    /// <summary>CLM01 of the claim the finding is in, if any.</summary>
    public string? ClaimId { get; init; }

    /// <summary>Stable identifier of the rule that produced the finding, for SNIP 3–5 edits (e.g. "claim-charge-balance").</summary>
    public string? Rule { get; init; }

    /// <summary>277CA claim status code (STC01-2, e.g. 400 "claim is out of balance") for a claim-level finding.</summary>
    public string? ClaimStatusCode { get; init; }

    /// <summary>277CA entity identifier (STC01-3, e.g. 85 billing provider) the status code is about.</summary>
    public string? ClaimStatusEntity { get; init; }

    /// <summary>The guide reference of the element (NM109), for reports.</summary>
    public string? ElementReference { get; init; }
}
