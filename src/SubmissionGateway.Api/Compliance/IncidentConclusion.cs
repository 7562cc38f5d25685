namespace SubmissionGateway.Api.Compliance;

/// <summary>What the risk assessment concluded: a breach must be notified unless the probability of compromise is low.</summary>
public enum IncidentConclusion
{
    LowProbabilityOfCompromise,
    Breach,
    UnderInvestigation,
}
