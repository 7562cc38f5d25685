using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Compliance;

/// <summary>The privacy office's view: the accounting of disclosures (45 CFR 164.528) and the ledger's integrity.</summary>
[ApiController]
[Route("compliance")]
[Authorize(Policy = GatewayPolicies.Compliance)]
public sealed class ComplianceController(
    AuditedAccounting accounting,
    IDbContextFactory<GatewayDbContext> databases,
    ITreeHeadArchive heads,
    TreeHeadSigner signer) : ControllerBase
{
    /// <summary>
    /// Streams one patient's disclosures in [from, to] (whole days, UTC) as JSON or CSV. Each call is itself audited:
    /// the answer is PHI.
    /// </summary>
    [HttpGet("accounting")]
    [EndpointSummary("Accounting of disclosures for one patient and period (JSON or CSV)")]
    [OpenApi.StreamedResponse("The disclosures, oldest first: a JSON array or CSV (format=csv).", "application/json", "text/csv")]
    public async Task<IActionResult> Accounting(
        [FromQuery] string? memberId, [FromQuery] DateOnly? birthDate, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to,
        [FromQuery] DisclosurePurpose? purpose, [FromQuery] string? format, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(memberId) || birthDate is null || from is null || to is null)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The accounting query is incomplete.",
                detail: "memberId, birthDate, from and to (yyyy-MM-dd) are required.");
        }

        if (to < from)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The accounting query is not valid.", detail: "The period ends before it starts.");
        }

        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The accounting query is not valid.", detail: "format is json or csv.");
        }

        var lines = await accounting.OpenAsync(User.Identity?.Name ?? "unknown", memberId, birthDate.Value, from.Value, to.Value, purpose, cancellationToken)
            .ConfigureAwait(false);
        Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        Response.Headers.CacheControl = "no-store";
        _ = csv
            ? await AccountingWriter.WriteCsvAsync(lines, Response.Body, cancellationToken).ConfigureAwait(false)
            : await AccountingWriter.WriteJsonAsync(lines, Response.Body, cancellationToken).ConfigureAwait(false);
        return new EmptyResult();
    }

    /// <summary>Recomputes the ledger's Merkle tree and checks every archived signed head against it.</summary>
    [HttpPost("ledger/verify")]
    [EndpointSummary("Verify the disclosure ledger against its signed tree heads")]
    [ProducesResponseType<LedgerCheck>(StatusCodes.Status200OK)]
    public async Task<ActionResult<LedgerCheck>> VerifyLedger(CancellationToken cancellationToken)
    {
        return await LedgerCheck.RunAsync(databases, heads, signer, cancellationToken).ConfigureAwait(false);
    }
}
