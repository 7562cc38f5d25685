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

    /// <summary>
    /// With no payers configured, route every payer id to the built-in sandbox: deliveries are accepted locally with a
    /// receipt and nothing leaves the machine; the ledger names the recipient as the sandbox. Never with real payers.
    /// </summary>
    public bool Sandbox { get; set; }
}
