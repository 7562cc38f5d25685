using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Api.Submissions;
using SubmissionGateway.Intake;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Api.Attachments;

/// <summary>
/// 275s posted directly by a billing system (unsolicited, answering a PWK, or solicited, answering a payer's
/// request). The submitter role: a 275 is machine-to-machine X12 like an 837, and is matched only against the
/// submitter's own claims.
/// </summary>
[ApiController]
[Route("attachments")]
[Authorize(Policy = GatewayPolicies.Submitter)]
public sealed class AttachmentsController(AttachmentIntake intake, IOptions<SubmissionsOptions> options) : ControllerBase
{
    [HttpPost]
    [Consumes(SubmissionsController.X12MediaType)]
    [DisableRequestSizeLimit]
    [ProducesResponseType<AttachmentResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Post(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBodyBytes;
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = limit;
        }

        if (Request.ContentLength > limit)
        {
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The attachment is too large.",
                detail: $"The body is larger than the {limit} bytes this endpoint accepts.", type: ProblemTypes.TooLarge);
        }

        var submitter = User.FindFirst(GatewayPolicies.SubmitterIdClaim)?.Value
            ?? throw new InvalidOperationException("The submitter policy admits only tokens with a submitter_id claim.");
        var result = await intake.SubmitAsync(new SizeLimitedStream(Request.Body, limit), submitter, cancellationToken).ConfigureAwait(false);
        return result.Accepted is { } accepted
            ? Ok(AttachmentResponse.Of(accepted, result.Acknowledgment))
            : Refused(this, result.Refusal!, result.Acknowledgment);
    }

    /// <summary>A refusal as problem details: every disagreeing field in <c>mismatches</c>, validator findings in <c>errors</c>, the 999.</summary>
    internal static ObjectResult Refused(ControllerBase controller, AttachmentRefusal refusal, byte[]? acknowledgment)
    {
        var status = refusal.Type switch
        {
            "request-not-open" or "request-expired" => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var problem = controller.ProblemDetailsFactory.CreateProblemDetails(controller.HttpContext, status, refusal.Title, "/problems/" + refusal.Type, refusal.Detail);
        if (refusal.Mismatches.Count > 0)
        {
            problem.Extensions["mismatches"] = refusal.Mismatches;
        }

        if (refusal.Errors.Count > 0)
        {
            problem.Extensions["errors"] = refusal.Errors;
        }

        if (acknowledgment is not null)
        {
            problem.Extensions["acknowledgment999"] = Encoding.Latin1.GetString(acknowledgment);
        }

        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
