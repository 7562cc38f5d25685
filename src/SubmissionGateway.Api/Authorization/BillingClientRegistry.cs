using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Api.Authorization;

/// <summary>Finds the billing system a (chain-validated) client certificate belongs to.</summary>
public sealed class BillingClientRegistry
{
    private readonly Dictionary<string, BillingClient> _byThumbprint = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Subject, string Issuer), BillingClient> _byName = [];

    public BillingClientRegistry(IOptions<BillingClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var client in options.Value.Clients)
        {
            if (NormalizeThumbprint(client.Thumbprint) is { } thumbprint)
            {
                _byThumbprint[thumbprint] = client;
            }
            else if (client.Subject is not null && client.Issuer is not null)
            {
                _byName[(CanonicalName(client.Subject), CanonicalName(client.Issuer))] = client;
            }
        }
    }

    public bool IsEmpty => _byThumbprint.Count == 0 && _byName.Count == 0;

    /// <summary>Null for a certificate no billing system is registered with.</summary>
    public BillingClient? Find(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (_byThumbprint.GetValueOrDefault(certificate.Thumbprint.ToUpperInvariant()) is { } pinned)
        {
            return pinned;
        }

        if (_byThumbprint.GetValueOrDefault(certificate.GetCertHashString(HashAlgorithmName.SHA256).ToUpperInvariant()) is { } pinned256)
        {
            return pinned256;
        }

        return _byName.GetValueOrDefault((Canonical(certificate.SubjectName), Canonical(certificate.IssuerName)));
    }

    /// <summary>Upper-case hex, or null when <paramref name="value"/> is not a SHA-1 or SHA-256 thumbprint.</summary>
    internal static string? NormalizeThumbprint(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var hex = string.Concat(value.Where(c => c is not (':' or ' ' or '-'))).ToUpperInvariant();
        return hex.Length is 40 or 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }

    /// <summary>The name formatted from its encoding, so spacing and quoting in configuration do not matter.</summary>
    internal static string CanonicalName(string distinguishedName) => Canonical(new X500DistinguishedName(distinguishedName));

    private static string Canonical(X500DistinguishedName name) => name.Decode(X500DistinguishedNameFlags.Reversed);
}
