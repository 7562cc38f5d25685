namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// A payload sealed in memory and not yet stored: the caller adds <see cref="Row"/> to its own database transaction,
/// so the payload exists exactly when what refers to it is committed, and a rollback leaves nothing to clean up.
/// </summary>
public sealed record InlinePayloadDraft(AttachmentReceipt Receipt, InlinePayload Row);
