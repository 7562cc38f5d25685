using System.Diagnostics.CodeAnalysis;

namespace SubmissionGateway.Api.Authorization;

/// <summary>Configuration section <c>BillingClients</c>: the billing systems admitted by client certificate.</summary>
public sealed class BillingClientOptions
{
    public const string SectionName = "BillingClients";

    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<BillingClient> Clients { get; set; } = [];
}
