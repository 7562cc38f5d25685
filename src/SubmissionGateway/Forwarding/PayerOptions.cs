using System.Diagnostics.CodeAnalysis;

namespace SubmissionGateway.Forwarding;

/// <summary>One payer portal as configured: who it is, where it is, what it takes.</summary>
public sealed class PayerOptions
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The payer's postal address, as the accounting of disclosures must name it.</summary>
    public string Address { get; set; } = "";

    /// <summary>HTTPS endpoint submissions are posted to.</summary>
    [SuppressMessage("Design", "CA1056", Justification = "Bound from configuration.")]
    public string Endpoint { get; set; } = "";

    /// <summary>X12 transaction sets accepted: 837, 275.</summary>
    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<string> TransactionTypes { get; set; } = [];

    public long MaxPayloadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>PKCS#12 file with the client certificate for mutual TLS, if the payer requires one.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>
    /// PEM file of the certificate authorities that issue the payer's server certificate, for a payer portal on a private
    /// PKI. Only these roots are trusted for that payer (the host name must still match); absent: the system's trust.
    /// </summary>
    public string? ServerCertificateAuthorityPath { get; set; }

    public bool Accepts(string transactionType) => TransactionTypes.Contains(transactionType, StringComparer.Ordinal);
}
