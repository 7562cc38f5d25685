namespace SubmissionGateway.Api.Authorization;

/// <summary>The roles a token may carry, each an authorization policy of the same name.</summary>
public static class GatewayPolicies
{
    public const string Submitter = "submitter";
    public const string Coder = "coder";
    public const string Compliance = "compliance";
    public const string Admin = "admin";

    /// <summary>The claim naming the billing system (ISA06) a submitter token acts for.</summary>
    public const string SubmitterIdClaim = "submitter_id";

    public const string RoleClaim = "role";
}
