using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Api.Authorization;

/// <summary>Refuses at start-up a billing client that could never be matched, or matched ambiguously.</summary>
internal sealed class BillingClientOptionsValidator : IValidateOptions<BillingClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BillingClientOptions options)
    {
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (client, index) in options.Clients.Select((c, i) => (c, i)))
        {
            var at = $"BillingClients:Clients:{index}";
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                failures.Add($"{at}:ClientId is required.");
            }
            else if (!ids.Add(client.ClientId))
            {
                failures.Add($"{at}:ClientId '{client.ClientId}' appears twice.");
            }

            if (string.IsNullOrWhiteSpace(client.SubmitterId) || client.SubmitterId.Trim().Length > 15)
            {
                failures.Add($"{at}:SubmitterId is the ISA06 the client sends as (1 to 15 characters).");
            }

            var pinned = client.Thumbprint is not null;
            if (pinned && BillingClientRegistry.NormalizeThumbprint(client.Thumbprint) is null)
            {
                failures.Add($"{at}:Thumbprint must be the SHA-1 (40) or SHA-256 (64) hex digest of the certificate.");
            }

            if (!pinned && (string.IsNullOrWhiteSpace(client.Subject) || string.IsNullOrWhiteSpace(client.Issuer)))
            {
                failures.Add($"{at} needs a Thumbprint, or a Subject and an Issuer.");
            }

            foreach (var distinguished in new[] { client.Subject, client.Issuer }.Where(d => !string.IsNullOrWhiteSpace(d)))
            {
                try
                {
                    _ = BillingClientRegistry.CanonicalName(distinguished!);
                }
                catch (CryptographicException)
                {
                    failures.Add($"{at}: '{distinguished}' is not a distinguished name (CN=..., O=...).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
