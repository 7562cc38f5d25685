using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Api.Submissions;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Claims;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>
/// A payer's 277RFAI, posted by the billing system it was addressed to (ISA08 must be its submitter id), opens one
/// request per claim it asks about. Only the submitter's own claims can be asked about.
/// </summary>
[ApiController]
[Route("attachment-requests/from-277rfai")]
[Authorize(Policy = GatewayPolicies.Submitter)]
public sealed class RequestForInformationController(AttachmentRequestService requests, ClaimIndex claims) : ControllerBase
{
    /// <summary>A 277RFAI names a handful of claims; a megabyte is far more than any real one.</summary>
    private const long MaxBodyBytes = 1L << 20;

    [HttpPost]
    [Consumes(SubmissionsController.X12MediaType)]
    [ProducesResponseType<IReadOnlyList<AttachmentRequestView>>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Post(CancellationToken cancellationToken)
    {
        if (Request.ContentLength > MaxBodyBytes)
        {
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The 277RFAI is too large.",
                detail: $"The body is larger than the {MaxBodyBytes} bytes this endpoint accepts.", type: ProblemTypes.TooLarge);
        }

        var submitter = User.FindFirst(GatewayPolicies.SubmitterIdClaim)?.Value
            ?? throw new InvalidOperationException("The submitter policy admits only tokens with a submitter_id claim.");
        IReadOnlyList<AttachmentRequest> created;
        try
        {
            created = await requests.CreateFromRequestForInformationAsync(
                new SizeLimitedStream(Request.Body, MaxBodyBytes), submitter,
                (claim, ct) => claims.FindPatientAsync(submitter, claim.PayerId, claim.ClaimId, claim.PayerClaimControlNumber, claim.PatientMemberId, ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            // The messages name segments and claim ids the poster sent, never a patient the gateway holds.
            return Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The 277RFAI cannot open requests.", detail: ex.Message,
                type: "/problems/rfai-refused");
        }

        return StatusCode(StatusCodes.Status201Created, created.Select(AttachmentRequestView.Of).ToList());
    }
}
