using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Forwarding;

/// <summary>The configured payers, and the rule that decides whether a payload may go to one at all.</summary>
public sealed class PayerRegistry : IDisposable
{
    /// <summary>The endpoint of the built-in sandbox: not a network address, so nothing can be sent there by mistake.</summary>
    public const string SandboxEndpoint = "sandbox://local";

    private readonly Dictionary<string, PayerOptions> _payers;
    private readonly ConcurrentDictionary<string, PayerOptions> _sandbox = new(StringComparer.Ordinal);
    private readonly bool _useSandbox;
    private readonly Dictionary<string, X509Certificate2> _certificatesByHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, X509Certificate2Collection> _authoritiesByHost = new(StringComparer.OrdinalIgnoreCase);

    public PayerRegistry(IOptions<PayerRegistryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _payers = options.Value.Payers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _useSandbox = options.Value.Sandbox && _payers.Count == 0;
        foreach (var payer in _payers.Values.Where(p => p.ClientCertificatePath is not null))
        {
            _certificatesByHost[new Uri(payer.Endpoint).Host] =
                X509CertificateLoader.LoadPkcs12FromFile(payer.ClientCertificatePath!, payer.ClientCertificatePassword);
        }

        foreach (var payer in _payers.Values.Where(p => p.ServerCertificateAuthorityPath is not null))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(payer.ServerCertificateAuthorityPath!);
            _authoritiesByHost[new Uri(payer.Endpoint).Host] = authorities;
        }
    }

    public PayerOptions? Find(string payerId) =>
        _payers.GetValueOrDefault(payerId) ?? (_useSandbox && !string.IsNullOrWhiteSpace(payerId) ? _sandbox.GetOrAdd(payerId.Trim(), Sandbox) : null);

    /// <summary>True for the built-in sandbox stand-in, which records a receipt and sends nothing.</summary>
    public static bool IsSandbox(PayerOptions payer) => string.Equals(payer?.Endpoint, SandboxEndpoint, StringComparison.Ordinal);

    // Named so that no accounting of disclosures, response or log can mistake it for the real payer.
    private static PayerOptions Sandbox(string payerId) => new()
    {
        Id = payerId,
        Name = $"SANDBOX (not a real payer; stands in for {payerId})",
        Address = "sandbox: deliveries are kept on this machine, nothing is sent",
        Endpoint = SandboxEndpoint,
        TransactionTypes = ["837", "275"],
    };

    /// <summary>Every configured payer, as configured (secrets included: callers showing them must leave those out).</summary>
    public IEnumerable<PayerOptions> All => _payers.Values;

    /// <summary>Null when the payer takes this payload; otherwise why not, in words a biller understands.</summary>
    public string? Refusal(string payerId, string transactionType, long payloadSize)
    {
        if (Find(payerId) is not { } payer)
        {
            return $"Payer '{payerId}' is not in the payer registry.";
        }

        if (!payer.Accepts(transactionType))
        {
            return $"Payer '{payer.Name}' does not accept {transactionType} transactions (it accepts {string.Join(", ", payer.TransactionTypes)}).";
        }

        if (payloadSize > payer.MaxPayloadBytes)
        {
            return $"The payload is {payloadSize} bytes; payer '{payer.Name}' accepts at most {payer.MaxPayloadBytes}.";
        }

        return null;
    }

    /// <summary>The client certificate for mutual TLS with the payer at <paramref name="host"/>, if one is configured.</summary>
    internal X509Certificate2? CertificateFor(string host) => _certificatesByHost.GetValueOrDefault(host);

    /// <summary>
    /// Whether the server certificate presented by <paramref name="host"/> is trusted: by the system's roots, or for a
    /// payer with its own authorities by those alone. A name mismatch or a missing certificate is never accepted.
    /// </summary>
    internal bool TrustsServer(string host, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (!_authoritiesByHost.TryGetValue(host, out var authorities))
        {
            return errors == SslPolicyErrors.None;
        }

        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A private payer PKI seldom publishes revocation lists the gateway can reach; trust is pinned to its roots instead.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(presented);
    }

    public void Dispose()
    {
        foreach (var certificate in _certificatesByHost.Values)
        {
            certificate.Dispose();
        }

        foreach (var authorities in _authoritiesByHost.Values)
        {
            foreach (var authority in authorities)
            {
                authority.Dispose();
            }
        }
    }
}
