using System.Diagnostics.CodeAnalysis;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>Per-payer request defaults and who the gateway says it is in the 275s it builds.</summary>
public sealed class AttachmentRequestOptions
{
    public RequestScopeDefaults Default { get; set; } = new();

    /// <summary>Overrides by payer id.</summary>
    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IDictionary<string, RequestScopeDefaults> Payers { get; set; } = new Dictionary<string, RequestScopeDefaults>(StringComparer.Ordinal);

    /// <summary>ISA06/GS02 and the 1000B submitter (ETIN).</summary>
    public string SubmitterId { get; set; } = "";

    public string SubmitterName { get; set; } = "";

    /// <summary>The 1000C provider (billing provider name and NPI).</summary>
    public string ProviderName { get; set; } = "";

    public string ProviderNpi { get; set; } = "";

    /// <summary>ISA15: T while testing with a payer, P in production.</summary>
    public string UsageIndicator { get; set; } = "P";

    /// <summary>Who gets the requests a payer's 277RFAI opens, by payer id.</summary>
    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IDictionary<string, string> AssignCoderByPayer { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Who gets a 277RFAI's requests when no payer rule applies; null leaves them unassigned for a supervisor.</summary>
    public string? DefaultCoder { get; set; }

    public RequestScopeDefaults For(string payerId) => Payers.TryGetValue(payerId, out var scope) ? scope : Default;
}
