namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// Encrypted storage for attachment payloads. Every payload is sealed under its own data key, wrapped by the
/// current key-encryption key version.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Encrypts and stores <paramref name="plaintext"/> as a stream; nothing is visible under the id until all of it is stored.</summary>
    Task<AttachmentReceipt> PutAsync(Stream plaintext, CancellationToken cancellationToken);

    /// <summary>Opens the decrypted payload as a stream; tampering surfaces as an exception while reading.</summary>
    /// <exception cref="AttachmentNotFoundException">No such payload.</exception>
    Task<Stream> OpenReadAsync(AttachmentId id, CancellationToken cancellationToken);

    /// <summary>Crypto-shreds the payload: its wrapped data key is destroyed with it. Returns false when it did not exist.</summary>
    Task<bool> DeleteAsync(AttachmentId id, CancellationToken cancellationToken);

    /// <summary>Re-wraps the payload's data key with the current key version, without re-encrypting it. Returns the new key id.</summary>
    /// <exception cref="AttachmentNotFoundException">No such payload.</exception>
    Task<string> RewrapAsync(AttachmentId id, CancellationToken cancellationToken);

    /// <summary>Records when delivery of the payload finished, which starts its retention period.</summary>
    /// <exception cref="AttachmentNotFoundException">No such payload.</exception>
    Task MarkDeliveryFinishedAsync(AttachmentId id, DateTimeOffset finishedAt, CancellationToken cancellationToken);

    /// <summary>Lists stored payloads (ids, key versions, delivery times) for rotation and retention.</summary>
    IAsyncEnumerable<StoredAttachment> ListAsync(CancellationToken cancellationToken);
}
