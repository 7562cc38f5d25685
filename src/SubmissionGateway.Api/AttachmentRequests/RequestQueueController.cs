using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.AttachmentRequests;

namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>The supervisor's side (admin role): payer requests no rule assigned, and handing a request to a coder.</summary>
[ApiController]
[Route("attachment-requests")]
[Authorize(Policy = GatewayPolicies.Admin)]
public sealed class RequestQueueController(AttachmentRequestService requests) : ControllerBase
{
    [HttpGet("unassigned")]
    [ProducesResponseType<IReadOnlyList<AttachmentRequestView>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<AttachmentRequestView>>> Unassigned([FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var found = await requests.ListAsync("", AttachmentRequestState.Open, limit ?? 100, cancellationToken).ConfigureAwait(false);
        return found.Select(AttachmentRequestView.Of).ToList();
    }

    /// <summary>Assigns an open request to <c>coder</c> (the coder's token subject).</summary>
    [HttpPost("{id}/assign")]
    [ProducesResponseType<AttachmentRequestView>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AttachmentRequestView>> Assign(string id, RequestAssignment body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(body.Coder) || body.Coder.Length > 200)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The assignment is not valid.", detail: "coder names the coder (1-200 characters).");
        }

        return await requests.AssignAsync(id, body.Coder.Trim(), cancellationToken).ConfigureAwait(false) is { } assigned
            ? AttachmentRequestView.Of(assigned)
            : Problem(statusCode: StatusCodes.Status404NotFound, title: "No open request.", detail: $"There is no open attachment request '{id}'.",
                type: "/problems/request-not-found");
    }
}
