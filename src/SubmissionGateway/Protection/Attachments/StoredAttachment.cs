namespace SubmissionGateway.Protection.Attachments;

/// <summary>A payload as the store lists it for rotation and retention; no content, no PHI.</summary>
public sealed record StoredAttachment(AttachmentId Id, string KeyId, DateTimeOffset? StoredAt, DateTimeOffset? DeliveryFinishedAt);
