namespace SubmissionGateway.Protection.Envelope;

/// <summary>What sealing a payload produced: the plaintext's size and SHA-256, and the key version that wraps it.</summary>
public sealed record SealedPayload(long Size, string Sha256, string KeyId, DateTimeOffset StoredAt);
