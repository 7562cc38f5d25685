using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Api.Compliance;

/// <summary>The answer of <c>GET /compliance/access-review</c>: the period reviewed, whom against, and what to look at.</summary>
public sealed record AccessReviewReport(DateOnly From, DateOnly To, int StaffProfiles, IReadOnlyList<AccessReviewFinding> Findings);
