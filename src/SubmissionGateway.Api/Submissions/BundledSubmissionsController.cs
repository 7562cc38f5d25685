using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SubmissionGateway.Api.Attachments;
using SubmissionGateway.Api.AttachmentRequests;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Intake;
using SubmissionGateway.Limits;
using SubmissionGateway.Protection.Attachments;

namespace SubmissionGateway.Api.Submissions;

/// <summary>
/// <c>POST /submissions</c> as multipart: the first part is the 837, every further part an unsolicited 275 answering
/// one of its PWKs. One 275 that disagrees with the 837's claims refuses the whole post, before anything is recorded.
/// </summary>
[ApiController]
[Route("submissions")]
[Authorize(Policy = GatewayPolicies.Submitter)]
public sealed class BundledSubmissionsController(BundledSubmissionIntake intake, IAttachmentStore store, IOptions<SubmissionsOptions> options) : ControllerBase
{
    private const int MaxAttachments = 50;

    [HttpPost]
    [Consumes("multipart/form-data", "multipart/mixed")]
    [DisableRequestSizeLimit]
    [StreamedForm]
    [ProducesResponseType<BundledSubmissionResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Post([FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
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

        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The multipart body has no boundary.", type: ProblemTypes.BadRequest);
        }

        var submitter = User.FindFirst(GatewayPolicies.SubmitterIdClaim)?.Value
            ?? throw new InvalidOperationException("The submitter policy admits only tokens with a submitter_id claim.");

        // Each part goes to the encrypted store as it streams in; all of them are deleted when the post is answered.
        var parts = new List<AttachmentId>();
        try
        {
            var reader = StreamedUpload.OpenReader(boundary, new SizeLimitedStream(Request.Body, limit));
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (parts.Count > MaxAttachments)
                {
                    return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Too many parts.",
                        detail: $"Send one 837 and at most {MaxAttachments} 275s per post.", type: ProblemTypes.BadRequest);
                }

                parts.Add((await store.PutAsync(section.Body, cancellationToken).ConfigureAwait(false)).Id);
            }

            if (parts.Count == 0)
            {
                return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The multipart body is empty.",
                    detail: "The first part is the 837, each further part a 275.", type: ProblemTypes.BadRequest);
            }

            var result = await intake.SubmitAsync(parts[0], parts[1..], submitter, idempotencyKey, cancellationToken).ConfigureAwait(false);
            if (result.Refusals.Count > 0)
            {
                return Refused(result.Refusals);
            }

            return Ok(new BundledSubmissionResponse(
                SubmissionStatusReader.Describe(result.Submission!),
                [.. result.Attachments.Select(a => a.Accepted is { } accepted
                    ? AttachmentResponse.Of(accepted, a.Acknowledgment)
                    : throw new InvalidOperationException($"A 275 that passed the pre-check was refused: {a.Refusal?.Detail}"))]));
        }
        finally
        {
            foreach (var part in parts)
            {
                await store.DeleteAsync(part, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private ObjectResult Refused(IReadOnlyList<BundledPartRefusal> refusals)
    {
        var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, StatusCodes.Status422UnprocessableEntity,
            "An attachment does not match the claims it was sent with", "/problems/attachment-mismatch",
            $"{refusals.Count} of the 275s disagree with this 837's claims; nothing was recorded or sent.");
        problem.Extensions["mismatches"] = refusals
            .SelectMany(r => r.Refusal.Mismatches.Count > 0
                ? r.Refusal.Mismatches.Select(m => new AttachmentMismatch($"attachments[{r.Part}].{m.Field}", m.Message))
                : [new AttachmentMismatch($"attachments[{r.Part}]", r.Refusal.Detail)])
            .ToList();
        var errors = refusals.SelectMany(r => r.Refusal.Errors.Select(e => $"attachments[{r.Part}]: {e}")).ToList();
        if (errors.Count > 0)
        {
            problem.Extensions["errors"] = errors;
        }

        return new ObjectResult(problem) { StatusCode = StatusCodes.Status422UnprocessableEntity, ContentTypes = { "application/problem+json" } };
    }
}
