using System.Security.Cryptography;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Envelope;

namespace SubmissionGateway.Forwarding;

/// <summary>
/// Outbox payloads kept in the encrypted attachment store: the reference is the attachment id, and reading it
/// decrypts the stored envelope as a stream. The bytes are only held in memory for the send; the worker compares
/// their SHA-256 with the ledger's before anything leaves.
/// </summary>
public sealed class AttachmentPayloadSource : IForwardingPayloadSource
{
    private readonly IAttachmentStore _store;

    public AttachmentPayloadSource(IAttachmentStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <exception cref="IOException">
    /// The payload is missing (shredded or never stored) or fails authentication: the worker retries it later and
    /// abandons it after its attempts, never sending anything.
    /// </exception>
    public async Task<byte[]> ReadAsync(string payloadReference, CancellationToken cancellationToken)
    {
        if (!AttachmentId.TryParse(payloadReference, out var id))
        {
            throw new ArgumentException($"'{payloadReference}' is not an attachment id.", nameof(payloadReference));
        }

        try
        {
            var stream = await _store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }
        catch (AttachmentNotFoundException e)
        {
            throw new IOException(e.Message, e);
        }
        catch (Exception e) when (e is EnvelopeException or CryptographicException)
        {
            throw new IOException($"Attachment {id} failed decryption; it was altered or its key is gone: {e.Message}", e);
        }
    }

    /// <summary>Payloads kept in the database, in one query; the others are left to <see cref="ReadAsync"/>.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> ReadTogetherAsync(IReadOnlyCollection<string> payloadReferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloadReferences);
        if (_store is not InlinePayloadStore inline)
        {
            return new Dictionary<string, byte[]>();
        }

        var ids = payloadReferences.Select(r => AttachmentId.TryParse(r, out var id) ? id : (AttachmentId?)null).OfType<AttachmentId>().ToList();
        var read = await inline.ReadTogetherAsync(ids, cancellationToken).ConfigureAwait(false);
        return read.ToDictionary(p => p.Key.Value, p => p.Value, StringComparer.Ordinal);
    }
}
