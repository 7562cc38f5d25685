using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Console;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Api.Pages.Console.Privacy;

/// <summary>Appends an incident (for example a misdirected disclosure) and its risk assessment to the ledger, against one disclosure.</summary>
[Authorize(Policy = GatewayPolicies.Compliance, AuthenticationSchemes = ConsoleAuthentication.Scheme)]
public sealed class IncidentModel(DisclosureLedger ledger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Sequence { get; set; }

    [BindProperty]
    public string? Finding { get; set; }

    [BindProperty]
    public string? RiskAssessment { get; set; }

    public string? Problem { get; private set; }

    public string? Recorded { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Sequence is null || string.IsNullOrWhiteSpace(Finding) || string.IsNullOrWhiteSpace(RiskAssessment))
        {
            Problem = "Enter the ledger entry number, what was found and the risk assessment.";
            return Page();
        }

        if (Finding.Length > 2000 || RiskAssessment.Length > 4000)
        {
            Problem = "Keep the finding under 2,000 characters and the risk assessment under 4,000.";
            return Page();
        }

        var original = await ledger.FindAsync(Sequence.Value, cancellationToken).ConfigureAwait(false);
        if (original is null || original.Kind != DisclosureEntryKind.Disclosure)
        {
            Problem = string.Create(CultureInfo.InvariantCulture, $"Ledger entry {Sequence} is not a disclosure. Incidents are recorded against the disclosure itself (see the accounting).");
            return Page();
        }

        var entry = await ledger.RecordIncidentAsync(Sequence.Value, Finding.Trim(), RiskAssessment.Trim(), User.Identity?.Name ?? "unknown", cancellationToken).ConfigureAwait(false);
        Recorded = string.Create(CultureInfo.InvariantCulture, $"Incident recorded as ledger entry {entry.Sequence} against disclosure {Sequence}. It now appears in the patient's accounting.");
        Finding = null;
        RiskAssessment = null;
        return Page();
    }
}
