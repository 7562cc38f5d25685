namespace SubmissionGateway.Forwarding;

public enum PayerDeliveryStatus
{
    /// <summary>The payer acknowledged receipt (2xx).</summary>
    Delivered,

    /// <summary>The payer refused the content (4xx other than 408/429): sending again will not help.</summary>
    Rejected,

    /// <summary>Timeouts, 408/429/5xx after retries, an open circuit: try again later.</summary>
    Transient,
}
