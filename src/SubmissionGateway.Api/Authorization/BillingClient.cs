namespace SubmissionGateway.Api.Authorization;

/// <summary>
/// One billing system that authenticates with its client certificate instead of a token. It is recognised by the
/// certificate's <see cref="Thumbprint"/> (pinned), or by <see cref="Subject"/> and <see cref="Issuer"/> together
/// (any certificate the configured client authority issues under that name, so renewals need no configuration).
/// </summary>
public sealed class BillingClient
{
    /// <summary>The client's id: the <c>sub</c> of its principal, its rate-limit partition and the actor in the audit.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The ISA06 the billing system sends as; one per certificate.</summary>
    public string SubmitterId { get; set; } = "";

    /// <summary>SHA-1 (40) or SHA-256 (64) hex digest of the certificate; separators and case are ignored.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>Distinguished name, e.g. <c>CN=Maple Street Billing, O=Maple Street</c>.</summary>
    public string? Subject { get; set; }

    /// <summary>The issuing authority's distinguished name; required with <see cref="Subject"/>.</summary>
    public string? Issuer { get; set; }
}
