namespace SubmissionGateway.Forwarding;

/// <summary>
/// A forward waiting to be delivered. Written in the same transaction as its disclosure entry, so an item exists
/// only if its entry does. Times are Unix milliseconds so leases compare the same way on every provider.
/// </summary>
public sealed class OutboxItem
{
    public long Id { get; set; }

    /// <summary>The disclosure entry this delivery carries out.</summary>
    public long DisclosureSequence { get; set; }

    public string PayerId { get; set; } = "";

    public string TransactionType { get; set; } = "";

    /// <summary>Control number plus payload hash; sent as Idempotency-Key and unique, so a retry is never a second disclosure.</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>Where the (encrypted) payload is kept; resolved through <see cref="IForwardingPayloadSource"/>.</summary>
    public string PayloadReference { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long PayloadSize { get; set; }

    public string PayloadSha256 { get; set; } = "";

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public long CreatedAtMs { get; set; }

    public long NextAttemptAtMs { get; set; }

    /// <summary>Identifies one claim by one worker; cleared when the lease is given back.</summary>
    public string? LeaseToken { get; set; }

    public long? LeaseExpiresAtMs { get; set; }

    public string? LastError { get; set; }
}
