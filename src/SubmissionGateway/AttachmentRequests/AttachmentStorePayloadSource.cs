using SubmissionGateway.Forwarding;
using SubmissionGateway.Protection.Attachments;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>Lets the outbox find a 275 by the attachment id it was stored under.</summary>
public sealed class AttachmentStorePayloadSource(IAttachmentStore store) : IForwardingPayloadSource
{
    public async Task<byte[]> ReadAsync(string payloadReference, CancellationToken cancellationToken)
    {
        var stream = await store.OpenReadAsync(AttachmentId.Parse(payloadReference), cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }
    }
}
