using Microsoft.Extensions.Diagnostics.HealthChecks;
using SubmissionGateway.Protection.Attachments;

namespace SubmissionGateway.Api.Health;

/// <summary>
/// Stores and deletes a small encrypted probe: a store that can be listed but not written (a full disk, a read-only
/// mount, a revoked blob role) would refuse every submission.
/// </summary>
internal sealed class AttachmentStoreHealthCheck(IAttachmentStore store) : IHealthCheck
{
    private static readonly byte[] Probe = "sgw readiness probe"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        AttachmentReceipt? receipt = null;
        try
        {
            using var content = new MemoryStream(Probe, writable: false);
            receipt = await store.PutAsync(content, cancellationToken).ConfigureAwait(false);
            // The probe goes where documents go: the store an inline store wraps.
            var kept = store is InlinePayloadStore inline ? inline.Outer : store;
            return HealthCheckResult.Healthy($"The {kept.GetType().Name} takes and deletes a payload.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure is the answer; the exception goes to the health log, never to the anonymous caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The attachment store cannot store a payload.", ex);
        }
        finally
        {
            if (receipt is not null)
            {
                await store.DeleteAsync(receipt.Id, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
