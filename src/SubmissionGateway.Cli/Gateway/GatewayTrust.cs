using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SubmissionGateway.Cli.Gateway;

/// <summary>
/// Server certificate validation: the system's trust, plus the certificates named by <c>--ca</c> (an issuing CA, or
/// the gateway's own self-signed development certificate pinned exactly). A host name mismatch is never forgiven.
/// </summary>
internal sealed class GatewayTrust(X509Certificate2Collection? anchors, string? anchorSource)
{
    /// <summary>Why the last certificate was refused, for a message better than the TLS stack's.</summary>
    public string? LastRejection { get; private set; }

    public bool Validate(X509Certificate2? presented, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            LastRejection = presented is null
                ? "the gateway presented no certificate"
                : $"the gateway's certificate ({presented.Subject}) does not name this host ({errors})";
            return false;
        }

        if (anchors is not null)
        {
            foreach (var anchor in anchors)
            {
                // The development certificate is self-signed and not a CA: trusted by exact match only.
                if (anchor.RawDataMemory.Span.SequenceEqual(presented.RawDataMemory.Span))
                {
                    return true;
                }
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(anchors);
            // Private CAs for development rarely publish revocation lists.
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            if (custom.Build(presented))
            {
                return true;
            }
        }

        LastRejection = anchors is null
            ? $"the gateway's certificate ({presented.Subject}) is not trusted by this machine; pass --ca FILE with its issuing CA or, for a development gateway, its certificate"
            : $"the gateway's certificate ({presented.Subject}, SHA-256 {presented.GetCertHashString(HashAlgorithmName.SHA256)}) is neither in nor issued by {anchorSource}";
        return false;
    }

    /// <summary>PEM (one or more certificates), DER, or PKCS#12 (only the certificates are kept).</summary>
    public static X509Certificate2Collection LoadAnchors(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommandFailedException(ExitCodes.Usage, $"--ca: the file '{path}' does not exist.");
        }

        try
        {
            var collection = new X509Certificate2Collection();
            var bytes = File.ReadAllBytes(path);
            if (System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                collection.ImportFromPemFile(path);
            }
            else if (X509Certificate2.GetCertContentType(bytes) == X509ContentType.Pkcs12)
            {
                foreach (var certificate in X509CertificateLoader.LoadPkcs12Collection(bytes, password: null))
                {
                    // Only the public part is needed to trust it.
                    collection.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
                    certificate.Dispose();
                }
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificate(bytes));
            }

            return collection.Count > 0
                ? collection
                : throw new CommandFailedException(ExitCodes.Usage, $"--ca: '{path}' holds no certificate.");
        }
        catch (CryptographicException e)
        {
            throw new CommandFailedException(ExitCodes.Usage, $"--ca: '{path}' is not a PEM, DER or PKCS#12 certificate file ({e.Message}).", inner: e);
        }
    }
}
