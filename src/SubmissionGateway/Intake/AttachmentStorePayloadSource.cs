using SubmissionGateway.Forwarding;
using SubmissionGateway.Protection.Attachments;

namespace SubmissionGateway.Intake;

/// <summary>Gives the outbox the decrypted payloads the intake put in the attachment store (references are attachment ids).</summary>
public sealed class AttachmentStorePayloadSource : IForwardingPayloadSource
{
    private readonly IAttachmentStore _store;

    public AttachmentStorePayloadSource(IAttachmentStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    public async Task<byte[]> ReadAsync(string payloadReference, CancellationToken cancellationToken)
    {
        if (!AttachmentId.TryParse(payloadReference, out var id))
        {
            throw new IOException($"'{payloadReference}' is not an attachment id.");
        }

        Stream stream;
        try
        {
            stream = await _store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (AttachmentNotFoundException ex)
        {
            // The worker treats an unreadable payload as a delivery to retry, then to abandon: never to send.
            throw new FileNotFoundException($"Payload {id} is no longer in the attachment store.", ex);
        }

        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
