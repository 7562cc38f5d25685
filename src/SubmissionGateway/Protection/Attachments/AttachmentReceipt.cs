namespace SubmissionGateway.Protection.Attachments;

/// <summary>What a store returns for a stored payload: its id, the plaintext's size and SHA-256, and the key version that wraps it.</summary>
public sealed record AttachmentReceipt(AttachmentId Id, long Size, string Sha256, string KeyId, DateTimeOffset StoredAt);
