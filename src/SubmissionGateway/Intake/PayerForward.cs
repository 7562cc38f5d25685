namespace SubmissionGateway.Intake;

/// <summary>
/// The interchange written for one payer: our control number (ISA13), the claims in it, the stored payload and its
/// SHA-256, the outbox item's idempotency key and the ledger entries (one per patient) behind its delivery.
/// </summary>
public sealed record PayerForward(
    string PayerId,
    string InterchangeControlNumber,
    IReadOnlyList<string> ClaimIds,
    string PayloadReference,
    string PayloadSha256,
    string ForwardKey,
    IReadOnlyList<long> DisclosureSequences);
