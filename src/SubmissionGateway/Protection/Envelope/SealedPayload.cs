namespace SubmissionGateway.Protection.Envelope;

/// <summary>
/// What sealing a payload produced: the plaintext's size and the key version that wraps its data key. (The
/// SHA-256 of a receipt is the store's: it costs more than the encryption itself, so the format does not impose it.)
/// </summary>
public sealed record SealedPayload(long Size, string KeyId, DateTimeOffset StoredAt);
