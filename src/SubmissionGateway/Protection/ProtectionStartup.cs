using Microsoft.Extensions.Hosting;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Protection;

/// <summary>
/// Fails start-up early and clearly: creates the key file on first run and refuses an exposed one, reaches the
/// current key version, makes sure a blob container exists and is private, and removes uploads a crash left behind.
/// </summary>
internal sealed class ProtectionStartup(IKeyRing keys, IAttachmentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = await keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if ((store is InlinePayloadStore inline ? inline.Outer : store) is BlobAttachmentStore blobs)
        {
            await blobs.EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (store is FileAttachmentStore files)
        {
            files.PurgeAbandonedUploads(TimeSpan.FromHours(1));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
