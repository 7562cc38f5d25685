using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Forwarding;

/// <summary>A delivery's final outcome, waiting to be recorded with the rest of its batch.</summary>
internal sealed record FinishedDelivery(OutboxItem Item, DeliveryOutcome Outcome, OutboxStatus Status, string Detail);
