using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using SubmissionGateway.Access;
using SubmissionGateway.Api.Hosting;

namespace SubmissionGateway.Api.Access;

/// <summary>
/// Runs after authentication on every request: a revoked user (<c>sub</c>) or client certificate is refused before
/// any endpoint sees the request, even with a token or certificate that is otherwise still valid.
/// </summary>
internal sealed class RevocationCheck(RequestDelegate next, RevocationList revocations, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var revoked = context.User.Identity?.IsAuthenticated == true
            && await revocations.IsRevokedAsync(RevocationKind.Subject, context.User.FindFirst("sub")?.Value, aborted).ConfigureAwait(false);
        if (!revoked && context.Connection.ClientCertificate is { } certificate)
        {
            revoked = await revocations.IsRevokedAsync(RevocationKind.CertificateThumbprint, certificate.Thumbprint, aborted).ConfigureAwait(false)
                || await revocations.IsRevokedAsync(RevocationKind.CertificateThumbprint, certificate.GetCertHashString(HashAlgorithmName.SHA256), aborted).ConfigureAwait(false);
        }

        if (!revoked)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.Revoked,
                Title = "Access has been revoked.",
                Detail = "This user or client certificate is no longer admitted to the gateway.",
            },
        }).ConfigureAwait(false);
    }
}
