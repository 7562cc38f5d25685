using System.Diagnostics.CodeAnalysis;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Api.Admin;

/// <summary>A payer as an administrator sees it: never its certificate, password, or any credential in its endpoint.</summary>
[SuppressMessage("Design", "CA1056", Justification = "Shown as configured text.")]
public sealed record PayerView(string Id, string Name, string Address, string Endpoint, IReadOnlyList<string> TransactionTypes, long MaxPayloadBytes, bool MutualTls)
{
    public static PayerView Of(PayerOptions payer)
    {
        ArgumentNullException.ThrowIfNull(payer);
        return new(payer.Id, payer.Name, payer.Address, WithoutCredentials(payer.Endpoint), [.. payer.TransactionTypes], payer.MaxPayloadBytes,
            payer.ClientCertificatePath is not null);
    }

    /// <summary>Scheme, host, port and path only: user info and query strings sometimes carry portal keys.</summary>
    private static string WithoutCredentials(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "";
}
