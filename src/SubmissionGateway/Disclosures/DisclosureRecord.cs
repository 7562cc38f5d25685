using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Disclosures;

/// <summary>What a caller states about a disclosure about to happen; the ledger adds sequence, time and hashes.</summary>
public sealed record DisclosureRecord(
    PatientIdentity Patient,
    DisclosureRecipient Recipient,
    string TransactionType,
    DisclosedContent Content,
    DisclosurePurpose Purpose,
    string LegalBasis,
    string Actor,
    string SubmissionId);
