namespace SubmissionGateway.Disclosures;

/// <summary>
/// One append-only row of the disclosure ledger and one leaf of its Merkle tree. Rows are never updated: outcomes
/// and incidents are further entries that point at the original through <see cref="RefersToSequence"/>.
/// </summary>
public sealed class DisclosureEntry
{
    /// <summary>Position in the ledger, contiguous from 0; also the Merkle leaf index.</summary>
    public long Sequence { get; set; }

    public DisclosureEntryKind Kind { get; set; }

    /// <summary>UTC, truncated to microseconds so every provider stores it exactly.</summary>
    public DateTime RecordedAt { get; set; }

    public long? RefersToSequence { get; set; }

    /// <summary>The patient (name, member id, birth date), AES-256-GCM under a PHI field key.</summary>
    public byte[] PatientCiphertext { get; set; } = [];

    /// <summary>Keyed blind index of member id and birth date, for accounting by patient.</summary>
    public byte[] PatientIndex { get; set; } = [];

    public string PayerId { get; set; } = "";

    public string RecipientName { get; set; } = "";

    public string RecipientAddress { get; set; } = "";

    public string RecipientEndpoint { get; set; } = "";

    /// <summary>X12 transaction set: 837 or 275.</summary>
    public string TransactionType { get; set; } = "";

    /// <summary><see cref="DisclosedContent"/> as JSON.</summary>
    public string Description { get; set; } = "";

    public DisclosurePurpose Purpose { get; set; }

    public string LegalBasis { get; set; } = "";

    /// <summary>The user or client id on whose behalf the entry was written.</summary>
    public string Actor { get; set; } = "";

    public string SubmissionId { get; set; } = "";

    /// <summary>For outcomes: Delivered, Failed or Abandoned; for incidents: the finding (e.g. Misdirected).</summary>
    public string? Outcome { get; set; }

    /// <summary>The payer's receipt, the failure, or the incident's risk assessment.</summary>
    public string? Detail { get; set; }

    /// <summary>SHA-256(0x00 || canonical bytes), kept so proofs need not re-read every column.</summary>
    public byte[] LeafHash { get; set; } = [];
}
