namespace SubmissionGateway.Claims;

/// <summary>Where an accepted claim stands on its way to its payer.</summary>
public enum ClaimDeliveryStatus
{
    /// <summary>Recorded in the ledger and waiting in the outbox.</summary>
    Queued,

    /// <summary>No payer in the registry takes 837s for this payer id: accepted, indexed, not sent.</summary>
    NoPayerRoute,

    /// <summary>The payer took the interchange.</summary>
    Delivered,

    /// <summary>The payer refused it.</summary>
    Failed,

    /// <summary>Given up after retries, or stopped because the payer or the payload changed.</summary>
    Abandoned,
}
