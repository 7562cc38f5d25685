namespace SubmissionGateway.X12.Claims;

/// <summary>Which 837 a claim came in.</summary>
public enum ClaimKind
{
    Professional,
    Institutional,
    Dental,
}
