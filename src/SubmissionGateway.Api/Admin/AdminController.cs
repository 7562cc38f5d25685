using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SubmissionGateway.Access;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Api.Admin;

/// <summary>Administrators: offboarding (revocations) and the payer registry.</summary>
[ApiController]
[Route("admin")]
[Authorize(Policy = GatewayPolicies.Admin)]
public sealed class AdminController(RevocationList revocations, PayerRegistry payers) : ControllerBase
{
    /// <summary>Revokes a user (<c>subject</c>) or a client certificate (<c>thumbprint</c>) with immediate effect; audited.</summary>
    [HttpPost("revocations")]
    [RequestSizeLimit(16 * 1024)]
    [ProducesResponseType<RevocationView>(StatusCodes.Status201Created)]
    public async Task<ActionResult<RevocationView>> Revoke(RevocationRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var hasSubject = !string.IsNullOrWhiteSpace(body.Subject);
        if (hasSubject == !string.IsNullOrWhiteSpace(body.Thumbprint))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Name one principal.", type: "/problems/revocation-invalid",
                detail: "Send either subject or thumbprint, not both and not neither.");
        }

        var revocation = await revocations.RevokeAsync(
            hasSubject ? RevocationKind.Subject : RevocationKind.CertificateThumbprint,
            hasSubject ? body.Subject! : body.Thumbprint!,
            body.Reason ?? "",
            User.FindFirst("sub")?.Value ?? throw new InvalidOperationException("An admin token names its user (sub)."),
            cancellationToken).ConfigureAwait(false);
        return StatusCode(StatusCodes.Status201Created, RevocationView.Of(revocation));
    }

    [HttpGet("revocations")]
    public async Task<IReadOnlyList<RevocationView>> Revocations(CancellationToken cancellationToken) =>
        [.. (await revocations.ListAsync(cancellationToken).ConfigureAwait(false)).Select(RevocationView.Of)];

    [HttpGet("payers")]
    public IReadOnlyList<PayerView> Payers() => [.. payers.All.OrderBy(p => p.Id, StringComparer.Ordinal).Select(PayerView.Of)];
}
