namespace SubmissionGateway.Claims;

/// <summary>
/// One accepted claim as the gateway remembers it, so attachments and payer requests can be matched to it later.
/// The patient is stored only encrypted (<see cref="PatientCiphertext"/>) and as a keyed blind index.
/// </summary>
public sealed class IndexedClaim
{
    public long Id { get; set; }

    public string SubmissionId { get; set; } = "";

    public string SubmitterId { get; set; } = "";

    /// <summary>CLM01, the submitter's claim identifier.</summary>
    public string ClaimId { get; set; } = "";

    /// <summary>The payer's id from loop 2010BB (NM1*PR09).</summary>
    public string PayerId { get; set; } = "";

    /// <summary>HMAC of the patient's member id and birth date (<see cref="Protection.PhiFields.PatientBlindIndex"/>).</summary>
    public byte[] PatientIndex { get; set; } = [];

    /// <summary>Name, member id and birth date as JSON, AES-256-GCM under a PHI field key.</summary>
    public byte[] PatientCiphertext { get; set; } = [];

    public DateOnly ServiceFrom { get; set; }

    public DateOnly ServiceTo { get; set; }

    public decimal TotalCharge { get; set; }

    /// <summary>The payer's own number for the claim (REF*F8 on a resubmission, or learnt later from the payer).</summary>
    public string? PayerClaimControlNumber { get; set; }

    /// <summary>As recorded at intake (Queued or NoPayerRoute); <see cref="ClaimIndex.DeliveryStatusAsync"/> follows the outbox.</summary>
    public ClaimDeliveryStatus DeliveryStatus { get; set; }

    /// <summary>The outbox item carrying this claim (unique there); null when it was not forwarded.</summary>
    public string? ForwardKey { get; set; }

    public DateTime IndexedAt { get; set; }

    /// <summary>PWK attachment control numbers announced on the claim or its lines.</summary>
    public List<ClaimAttachment> Attachments { get; set; } = [];
}
