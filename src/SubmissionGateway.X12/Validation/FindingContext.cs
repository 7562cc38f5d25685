using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>Where the validator stands when it records a finding. The segment id is kept as its packed key and
/// turned into text only when a finding is written, so placing a segment allocates nothing.</summary>
internal readonly record struct FindingContext(string? SegmentIdText, int SegmentKey, int SegmentPosition, long Offset, string? LoopId, string? ClaimId)
{
    public FindingContext(string segmentId, int segmentPosition, long offset, string? loopId, string? claimId)
        : this(segmentId, 0, segmentPosition, offset, loopId, claimId)
    {
    }

    public string SegmentId => SegmentIdText ?? Reading.SegmentKey.ToId(SegmentKey);
}
