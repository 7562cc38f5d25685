namespace SubmissionGateway.Disclosures;

/// <summary>Why PHI left the gateway (45 CFR 164.528(b)(2)(iv)).</summary>
public enum DisclosurePurpose
{
    Payment,
    PayerRequestResponse,
    Appeal,
    DenialResponse,
    HealthCareOperations,
}
