namespace SubmissionGateway.Intake;

/// <summary>
/// The synchronous answer to a submission. A repeat (same idempotency key, or same ISA13 from the same submitter)
/// gets the first answer again with <see cref="Replayed"/> set.
/// </summary>
public sealed record SubmissionResult(
    string SubmissionId,
    string SubmitterId,
    string InterchangeControlNumber,
    DateTimeOffset ReceivedAt,
    byte[] Acknowledgment,
    byte[] ClaimAcknowledgment,
    IReadOnlyList<ClaimOutcome> Claims,
    IReadOnlyList<PayerForward> Forwards)
{
    /// <summary>True when this is the stored answer to an earlier post of the same submission.</summary>
    public bool Replayed { get; init; }
}
