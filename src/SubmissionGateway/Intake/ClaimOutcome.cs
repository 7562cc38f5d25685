namespace SubmissionGateway.Intake;

/// <summary>
/// One claim's answer: accepted or rejected with the reasons (as in the 277CA), and the payer it goes to when it
/// was forwarded.
/// </summary>
public sealed record ClaimOutcome(string ClaimId, string? PayerId, bool Accepted, IReadOnlyList<string> Reasons, bool Forwarded);
