namespace SubmissionGateway.Api.Compliance;

/// <summary>The answer of <c>POST /compliance/incidents</c>: the new ledger entry and the disclosure it concerns.</summary>
public sealed record RecordedIncident(long Sequence, long DisclosureSequence, DateTimeOffset RecordedAt, string RecipientPayerId);
