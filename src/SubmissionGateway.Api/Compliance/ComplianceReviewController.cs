using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Api.Compliance;

/// <summary>The privacy office's follow-up: incidents against ledger entries, and the periodic access review.</summary>
[ApiController]
[Route("compliance")]
[Authorize(Policy = GatewayPolicies.Compliance)]
public sealed class ComplianceReviewController(DisclosureLedger ledger, AccessReview review, IOptions<StaffDirectoryOptions> staff) : ControllerBase
{
    private const int MaxText = 4000;
    private static readonly JsonSerializerOptions AssessmentJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Records a misdirected (or otherwise impermissible) disclosure as a new ledger entry pointing at the disclosure;
    /// the disclosure itself is never changed.
    /// </summary>
    [HttpPost("incidents")]
    [ProducesResponseType<RecordedIncident>(StatusCodes.Status201Created)]
    public async Task<ActionResult<RecordedIncident>> RecordIncident(NewIncident body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var risk = body.RiskAssessment;
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(body.Finding))
        {
            missing.Add("finding");
        }

        if (risk is null)
        {
            missing.Add("riskAssessment");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(risk.NatureAndExtent))
            {
                missing.Add("riskAssessment.natureAndExtent");
            }

            if (string.IsNullOrWhiteSpace(risk.UnauthorizedRecipient))
            {
                missing.Add("riskAssessment.unauthorizedRecipient");
            }

            if (string.IsNullOrWhiteSpace(risk.AcquiredOrViewed))
            {
                missing.Add("riskAssessment.acquiredOrViewed");
            }

            if (string.IsNullOrWhiteSpace(risk.Mitigation))
            {
                missing.Add("riskAssessment.mitigation");
            }
        }

        if (missing.Count > 0)
        {
            var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, StatusCodes.Status400BadRequest, "The incident is incomplete.",
                "/problems/incident-incomplete", "An incident names what was found and all four factors of the risk assessment (45 CFR 164.402(2)).");
            problem.Extensions["errors"] = missing;
            return new ObjectResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
        }

        var assessment = JsonSerializer.Serialize(risk, AssessmentJson);
        if (body.Finding.Length > MaxText || assessment.Length > MaxText)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The incident is too long.",
                detail: $"The finding and the risk assessment are each at most {MaxText} characters.", type: "/problems/incident-incomplete");
        }

        // Only a disclosure can be misdirected: an outcome or another incident is not something that left the gateway.
        var disclosure = await ledger.FindAsync(body.DisclosureSequence, cancellationToken).ConfigureAwait(false);
        if (disclosure is not { Kind: DisclosureEntryKind.Disclosure })
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: "No such disclosure.",
                detail: $"Ledger entry {body.DisclosureSequence} is not a disclosure.", type: "/problems/disclosure-not-found");
        }

        var entry = await ledger.RecordIncidentAsync(disclosure.Sequence, body.Finding.Trim(), assessment, Actor, cancellationToken).ConfigureAwait(false);
        var recorded = new RecordedIncident(entry.Sequence, disclosure.Sequence, new DateTimeOffset(DateTime.SpecifyKind(entry.RecordedAt, DateTimeKind.Utc)), disclosure.PayerId);
        return StatusCode(StatusCodes.Status201Created, recorded);
    }

    /// <summary>The access review over [from, to] (whole days, UTC) against the configured staff profiles.</summary>
    [HttpGet("access-review")]
    [ProducesResponseType<AccessReviewReport>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AccessReviewReport>> AccessReview([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, CancellationToken cancellationToken)
    {
        if (from is null || to is null)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The review period is incomplete.", detail: "from and to (yyyy-MM-dd) are required.");
        }

        if (to < from)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The review period is not valid.", detail: "The period ends before it starts.");
        }

        var profiles = staff.Value.Profiles();
        var period = new WholeDays(from.Value, to.Value);
        var findings = await review.ReviewAsync(period.Start, period.EndExclusive, profiles, cancellationToken).ConfigureAwait(false);
        Response.Headers.CacheControl = "no-store";
        return new AccessReviewReport(from.Value, to.Value, profiles.Count, [.. findings.OrderBy(f => f.Actor, StringComparer.Ordinal).ThenBy(f => f.Flag)]);
    }

    private string Actor => User.Identity?.Name is { Length: > 0 } name ? name : "unknown";
}
