namespace SubmissionGateway.Api.Submissions;

/// <summary>The JSON answer to a submission: its id, each claim's status and the acknowledgments as X12 text.</summary>
public sealed record SubmissionResponse(
    string SubmissionId,
    string InterchangeControlNumber,
    DateTimeOffset ReceivedAt,
    bool Replayed,
    IReadOnlyList<ClaimStatus> Claims,
    string Acknowledgment999,
    string ClaimAcknowledgment277CA);
