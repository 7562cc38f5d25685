namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// A small payload kept sealed in the gateway's database instead of a file or blob of its own. The envelope is the
/// same format the stores write (its own AES-256-GCM data key, wrapped by the key-encryption key): only where the
/// ciphertext lives differs.
/// </summary>
public sealed class InlinePayload
{
    public string Id { get; set; } = "";

    /// <summary>The sealed envelope: header with the wrapped data key, then the encrypted regions.</summary>
    public byte[] Envelope { get; set; } = [];

    /// <summary>The key-encryption key version that wraps the data key, kept beside the envelope for rotation's listing.</summary>
    public string KeyId { get; set; } = "";

    public DateTime StoredAt { get; set; }

    /// <summary>When delivery ended (or, for what is never sent, when it was received): its retention clock.</summary>
    public DateTime? DeliveryFinishedAt { get; set; }
}
