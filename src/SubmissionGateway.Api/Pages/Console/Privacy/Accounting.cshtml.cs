using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Compliance;
using SubmissionGateway.Api.Console;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Api.Pages.Console.Privacy;

/// <summary>
/// The accounting of disclosures for one patient and period, on screen or as CSV. The patient is posted, never put
/// in a URL, and every pull is audited exactly as the API's.
/// </summary>
[Authorize(Policy = GatewayPolicies.Compliance, AuthenticationSchemes = ConsoleAuthentication.Scheme)]
public sealed class AccountingModel(AuditedAccounting accounting) : PageModel
{
    [BindProperty]
    public string? MemberId { get; set; }

    [BindProperty]
    public DateOnly? BirthDate { get; set; }

    [BindProperty]
    public DateOnly? From { get; set; }

    [BindProperty]
    public DateOnly? To { get; set; }

    public IReadOnlyList<AccountingLine>? Lines { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // 45 CFR 164.528 gives the patient the right to six years of disclosures.
        From = today.AddYears(-6);
        To = today;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Invalid() is { } problem)
        {
            Problem = problem;
            return Page();
        }

        var lines = new List<AccountingLine>();
        await foreach (var line in (await OpenAsync(cancellationToken).ConfigureAwait(false)).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(line);
        }

        Lines = lines;
        return Page();
    }

    public async Task<IActionResult> OnPostCsvAsync(CancellationToken cancellationToken)
    {
        if (Invalid() is { } problem)
        {
            Problem = problem;
            return Page();
        }

        var lines = await OpenAsync(cancellationToken).ConfigureAwait(false);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"accounting-{From:yyyyMMdd}-{To:yyyyMMdd}.csv\"");
        await AccountingWriter.WriteCsvAsync(lines, Response.Body, cancellationToken).ConfigureAwait(false);
        return new EmptyResult();
    }

    private Task<IAsyncEnumerable<AccountingLine>> OpenAsync(CancellationToken cancellationToken) =>
        accounting.OpenAsync(User.Identity?.Name ?? "unknown", MemberId!, BirthDate!.Value, From!.Value, To!.Value, null, cancellationToken);

    private string? Invalid() =>
        string.IsNullOrWhiteSpace(MemberId) || BirthDate is null || From is null || To is null
            ? "Enter the member ID, the date of birth and the period."
            : To < From ? "The period ends before it starts." : null;
}
