namespace SubmissionGateway.Api.Compliance;

/// <summary>
/// The body of <c>POST /compliance/incidents</c>: a disclosure found misdirected (or otherwise impermissible), what was
/// found, and the breach risk assessment of 45 CFR 164.402(2).
/// </summary>
public sealed record NewIncident(long DisclosureSequence, string Finding, IncidentRiskAssessment RiskAssessment);
