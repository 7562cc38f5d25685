namespace SubmissionGateway.Disclosures;

/// <summary>An accounting request: one patient (member id and birth date), a period, optionally one purpose.</summary>
public sealed record AccountingQuery(string MemberId, DateOnly BirthDate, DateTimeOffset From, DateTimeOffset To, DisclosurePurpose? Purpose = null);
