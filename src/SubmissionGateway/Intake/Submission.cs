namespace SubmissionGateway.Intake;

/// <summary>
/// One accepted-for-processing interchange and the answer the submitter got. Its unique indexes (submitter with
/// idempotency key, submitter with ISA13) decide which of two concurrent posts of the same file wins; the loser
/// returns the winner's stored answer.
/// </summary>
public sealed class Submission
{
    public string Id { get; set; } = "";

    public string SubmitterId { get; set; } = "";

    public string? IdempotencyKey { get; set; }

    /// <summary>ISA13 of the interchange as received.</summary>
    public string InterchangeControlNumber { get; set; } = "";

    public DateTime ReceivedAt { get; set; }

    /// <summary>The original interchange in the attachment store (encrypted there).</summary>
    public string OriginalPayload { get; set; } = "";

    /// <summary>
    /// SHA-256 (lower-case hex) of the body as received. A repeat is answered with this submission's result only when
    /// its body hashes the same; null for rows written before the hash was kept (the stored original is hashed then).
    /// </summary>
    public string? BodySha256 { get; set; }

    public int ClaimCount { get; set; }

    public int AcceptedClaimCount { get; set; }

    /// <summary>The <see cref="SubmissionResult"/> as JSON, encrypted: its 277CA names patients.</summary>
    public byte[] ResultCiphertext { get; set; } = [];
}
