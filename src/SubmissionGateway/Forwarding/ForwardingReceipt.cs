namespace SubmissionGateway.Forwarding;

/// <summary>The disclosure entry and outbox item behind a forward; <see cref="AlreadyRecorded"/> when it was a repeat.</summary>
public sealed record ForwardingReceipt(long DisclosureSequence, long OutboxItemId, string IdempotencyKey, bool AlreadyRecorded);
