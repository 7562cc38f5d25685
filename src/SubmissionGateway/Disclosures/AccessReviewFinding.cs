namespace SubmissionGateway.Disclosures;

/// <summary>One thing a reviewer should look at, with the audit events behind it.</summary>
public sealed record AccessReviewFinding(string Actor, AccessReviewFlag Flag, string Explanation, IReadOnlyList<long> EventIds);
