using Microsoft.Extensions.Hosting;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Protection;

/// <summary>
/// Fails start-up early and clearly: creates the key file on first run and refuses an exposed one, reaches the
/// current key version, and makes sure a blob container exists and is private.
/// </summary>
internal sealed class ProtectionStartup(IKeyRing keys, IAttachmentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = await keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (store is BlobAttachmentStore blobs)
        {
            await blobs.EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
