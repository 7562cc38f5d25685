using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Intake;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Api.Submissions;

/// <summary>837 submissions from billing systems; each submitter sees only its own.</summary>
[ApiController]
[Route("submissions")]
[Authorize(Policy = GatewayPolicies.Submitter)]
public sealed class SubmissionsController(
    SubmissionIntake intake, SubmissionStatusReader reader, IOptions<SubmissionsOptions> options, ILogger<SubmissionsController> logger) : ControllerBase
{
    public const string X12MediaType = "application/edi-x12";

    /// <summary>Takes one interchange as the raw body, streamed to the encrypted store; never buffered here.</summary>
    [HttpPost]
    [EndpointSummary("Submit one 837 interchange; answered with its 999, 277CA and per-claim status")]
    [Consumes(X12MediaType)]
    [DisableRequestSizeLimit]
    [ProducesResponseType<SubmissionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<SubmissionResponse>> Post([FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBodyBytes;
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = limit;
        }

        if (Request.ContentLength > limit)
        {
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The submission is too large.",
                detail: $"The body is larger than the {limit} bytes this endpoint accepts.", type: ProblemTypes.TooLarge);
        }

        var result = await intake.SubmitAsync(new SizeLimitedStream(Request.Body, limit), SubmitterId, idempotencyKey, cancellationToken).ConfigureAwait(false);
        SubmissionLog.Received(logger, result.SubmissionId, SubmitterId, result.InterchangeControlNumber, result.Replayed,
            result.Claims.Count(c => c.Accepted), result.Claims.Count, string.Join(',', result.Claims.Select(c => c.ClaimId)));
        return SubmissionStatusReader.Describe(result);
    }

    /// <summary>Another submitter's submission is answered exactly like one that does not exist.</summary>
    [HttpGet("{id}")]
    [EndpointSummary("A submission's answer and each claim's current delivery status")]
    [ProducesResponseType<SubmissionResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<SubmissionResponse>> Get(string id, CancellationToken cancellationToken)
    {
        var found = await reader.FindAsync(id, SubmitterId, cancellationToken).ConfigureAwait(false);
        return found is null
            ? Problem(statusCode: StatusCodes.Status404NotFound, title: "No such submission.", detail: $"There is no submission '{id}' for this submitter.")
            : found;
    }

    private string SubmitterId => User.FindFirst(GatewayPolicies.SubmitterIdClaim)?.Value
        ?? throw new InvalidOperationException("The submitter policy admits only tokens with a submitter_id claim.");
}
