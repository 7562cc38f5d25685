using Microsoft.Extensions.Options;

namespace SubmissionGateway.Forwarding;

/// <summary>Refuses start-up with a payer that is incomplete, not HTTPS, or takes an unknown transaction set.</summary>
internal sealed class PayerRegistryOptionsValidator : IValidateOptions<PayerRegistryOptions>
{
    private static readonly string[] KnownTransactionTypes = ["837", "275"];

    public ValidateOptionsResult Validate(string? name, PayerRegistryOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var payer in options.Payers)
        {
            var label = string.IsNullOrWhiteSpace(payer.Id) ? "(no id)" : payer.Id;
            if (string.IsNullOrWhiteSpace(payer.Id) || !seen.Add(payer.Id))
            {
                failures.Add($"Payer {label}: every payer needs a unique id.");
            }

            if (string.IsNullOrWhiteSpace(payer.Name) || string.IsNullOrWhiteSpace(payer.Address))
            {
                failures.Add($"Payer {label}: name and address are required (the accounting of disclosures names them).");
            }

            if (!Uri.TryCreate(payer.Endpoint, UriKind.Absolute, out var endpoint))
            {
                failures.Add($"Payer {label}: the endpoint '{payer.Endpoint}' is not an absolute URL.");
            }
            else if (endpoint.Scheme != Uri.UriSchemeHttps && !(options.AllowInsecureHttpForTesting && endpoint.Scheme == Uri.UriSchemeHttp))
            {
                failures.Add($"Payer {label}: the endpoint must use https (got {endpoint.Scheme}).");
            }

            if (payer.TransactionTypes.Count == 0 || payer.TransactionTypes.Any(t => !KnownTransactionTypes.Contains(t)))
            {
                failures.Add($"Payer {label}: transaction types must be among 837 and 275.");
            }

            if (payer.MaxPayloadBytes <= 0)
            {
                failures.Add($"Payer {label}: the size limit must be positive.");
            }

            if (payer.ClientCertificatePath is { } path && !File.Exists(path))
            {
                failures.Add($"Payer {label}: the client certificate file '{path}' does not exist.");
            }

            if (payer.ServerCertificateAuthorityPath is { } authorities && !File.Exists(authorities))
            {
                failures.Add($"Payer {label}: the server certificate authority file '{authorities}' does not exist.");
            }
        }

        if (options.Sandbox && options.Payers.Count > 0)
        {
            failures.Add("PayerRegistry: the sandbox stands in for payers only when none is configured; remove Sandbox or the payers.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
