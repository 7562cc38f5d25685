using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SubmissionGateway.Api.Transport;

/// <summary>Validates client certificates against the configured issuing authorities only (not the system store).</summary>
internal sealed class ClientCertificateAuthority(X509Certificate2Collection authorities)
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static ClientCertificateAuthority? Load(TransportOptions options)
    {
        if (string.IsNullOrEmpty(options.ClientCertificateAuthorityPath))
        {
            return null;
        }

        if (!File.Exists(options.ClientCertificateAuthorityPath))
        {
            throw new InvalidOperationException($"Transport:ClientCertificateAuthorityPath '{options.ClientCertificateAuthorityPath}' does not exist.");
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(options.ClientCertificateAuthorityPath);
        return new ClientCertificateAuthority(authorities);
    }

    public bool Validate(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // Billing systems' private CAs rarely publish CRLs; revocation is handled by removing the CA or the submitter.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthentication));
        return chain.Build(certificate);
    }

    public static bool ValidateWithSystemTrust(SslPolicyErrors errors) => errors == SslPolicyErrors.None;
}
