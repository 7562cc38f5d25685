using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Forwarding;

/// <summary>The configured payers, and the rule that decides whether a payload may go to one at all.</summary>
public sealed class PayerRegistry : IDisposable
{
    private readonly Dictionary<string, PayerOptions> _payers;
    private readonly Dictionary<string, X509Certificate2> _certificatesByHost = new(StringComparer.OrdinalIgnoreCase);

    public PayerRegistry(IOptions<PayerRegistryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _payers = options.Value.Payers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var payer in _payers.Values.Where(p => p.ClientCertificatePath is not null))
        {
            _certificatesByHost[new Uri(payer.Endpoint).Host] =
                X509CertificateLoader.LoadPkcs12FromFile(payer.ClientCertificatePath!, payer.ClientCertificatePassword);
        }
    }

    public PayerOptions? Find(string payerId) => _payers.GetValueOrDefault(payerId);

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

    public void Dispose()
    {
        foreach (var certificate in _certificatesByHost.Values)
        {
            certificate.Dispose();
        }
    }
}
