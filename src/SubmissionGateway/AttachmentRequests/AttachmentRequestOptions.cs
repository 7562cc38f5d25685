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

    /// <summary>
    /// The embedded default's practice, used only while every claim goes to the sandbox payer: 275s built with it
    /// are marked as tests (ISA15 T) and name no real practice, so the whole coder flow can be tried on a fresh
    /// machine without inventing an identity in configuration.
    /// </summary>
    public void UseSandboxPractice()
    {
        SubmitterId = "SGWSANDBOX";
        SubmitterName = "SANDBOX BILLING (NOT A REAL SUBMITTER)";
        ProviderName = "SANDBOX PRACTICE (NOT A REAL PROVIDER)";
        // A syntactically valid NPI (check digit correct) that names the sandbox, never sent to a real payer.
        ProviderNpi = "1234567893";
        UsageIndicator = "T";
    }

    public RequestScopeDefaults For(string payerId) => Payers.TryGetValue(payerId, out var scope) ? scope : Default;
}
