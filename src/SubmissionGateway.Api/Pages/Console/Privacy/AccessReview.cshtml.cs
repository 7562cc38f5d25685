using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Console;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Api.Pages.Console.Privacy;

/// <summary>The access review over the audit log for a period, against the staff profiles configured in <c>Console:Staff</c>.</summary>
[Authorize(Policy = GatewayPolicies.Compliance, AuthenticationSchemes = ConsoleAuthentication.Scheme)]
public sealed class AccessReviewModel(AccessReview review, IOptions<ConsoleOptions> options) : PageModel
{
    [BindProperty]
    public DateOnly? From { get; set; }

    [BindProperty]
    public DateOnly? To { get; set; }

    public IReadOnlyList<AccessReviewFinding>? Findings { get; private set; }

    public int StaffCount => options.Value.Staff.Count;

    public string? Problem { get; private set; }

    public void OnGet()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        From = today.AddDays(-7);
        To = today;
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        if (From is null || To is null || To < From)
        {
            Problem = "Enter a period whose end is not before its start.";
            return;
        }

        var period = new WholeDays(From.Value, To.Value);
        Findings = await review.ReviewAsync(
            period.Start,
            period.EndExclusive,
            options.Value.Staff.Select(s => s.ToProfile()), cancellationToken).ConfigureAwait(false);
    }

    public static string Describe(AccessReviewFlag flag) => flag switch
    {
        AccessReviewFlag.OutsideWorkingHours => "Access outside working hours",
        AccessReviewFlag.VolumeAboveAssignedQueue => "More records than the assigned queue",
        AccessReviewFlag.ReaccessToClosedRequest => "Re-opened closed requests",
        _ => "Access by someone without a staff profile",
    };
}
