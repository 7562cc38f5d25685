namespace SubmissionGateway.X12.Validation;

/// <summary>Where the validator stands when it records a finding.</summary>
internal readonly record struct FindingContext(string SegmentId, int SegmentPosition, long Offset, string? LoopId, string? ClaimId);
