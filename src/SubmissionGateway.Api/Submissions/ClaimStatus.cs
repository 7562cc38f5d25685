namespace SubmissionGateway.Api.Submissions;

/// <summary>One claim of a submission as the billing system sees it.</summary>
public sealed record ClaimStatus(string ClaimId, string? PayerId, bool Accepted, IReadOnlyList<string> Reasons, bool Forwarded, string? DeliveryStatus);
