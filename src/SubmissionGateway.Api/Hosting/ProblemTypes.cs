namespace SubmissionGateway.Api.Hosting;

/// <summary>The <c>type</c> of the problem details (RFC 9457) the gateway answers with, one per kind of refusal.</summary>
public static class ProblemTypes
{
    public const string NotX12 = "/problems/not-x12";
    public const string SubmitterMismatch = "/problems/submitter-mismatch";
    public const string InterchangeReused = "/problems/interchange-reused";
    public const string IdempotencyKeyReused = "/problems/idempotency-key-reused";
    public const string TooLarge = "/problems/too-large";
    public const string BadRequest = "/problems/bad-request";
    public const string Revoked = "/problems/revoked";
    public const string RateLimited = "/problems/rate-limited";
    public const string InternalError = "/problems/internal-error";
}
