namespace SubmissionGateway.Forwarding;

/// <summary>What a payer made of one delivery (after the channel's own retries).</summary>
public sealed record PayerDeliveryResult(PayerDeliveryStatus Status, string Detail);
