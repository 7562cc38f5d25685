namespace SubmissionGateway.Disclosures;

/// <summary>One line of an accounting of disclosures (45 CFR 164.528(b)): date, recipient and address, what, why, who.</summary>
public sealed record AccountingLine(
    long Sequence,
    DateTimeOffset RecordedAt,
    DisclosureEntryKind Kind,
    long? RefersToSequence,
    string PatientName,
    string RecipientName,
    string RecipientAddress,
    string PayerId,
    string TransactionType,
    string Description,
    DisclosurePurpose Purpose,
    string LegalBasis,
    string Actor,
    string SubmissionId,
    string? Outcome,
    string? Detail);
