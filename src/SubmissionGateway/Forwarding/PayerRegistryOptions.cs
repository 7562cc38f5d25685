using System.Diagnostics.CodeAnalysis;

namespace SubmissionGateway.Forwarding;

public sealed class PayerRegistryOptions
{
    public const string SectionName = "PayerRegistry";

    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<PayerOptions> Payers { get; set; } = [];

    /// <summary>
    /// Tests only: lets payer endpoints use plain http (the WireMock stand-ins). Never set in a deployment;
    /// PHI must not cross the network unencrypted.
    /// </summary>
    public bool AllowInsecureHttpForTesting { get; set; }
}
