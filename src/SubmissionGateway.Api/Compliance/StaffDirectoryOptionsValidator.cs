using Microsoft.Extensions.Options;

namespace SubmissionGateway.Api.Compliance;

/// <summary>Refuses start-up with a staff profile the review could not use: no actor, an unknown time zone, an empty day.</summary>
internal sealed class StaffDirectoryOptionsValidator : IValidateOptions<StaffDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffDirectoryOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var staff in options.Staff)
        {
            if (string.IsNullOrWhiteSpace(staff.Actor) || !seen.Add(staff.Actor))
            {
                failures.Add("AccessReview:Staff: every profile names a unique actor (the token's sub).");
            }

            if (!string.IsNullOrWhiteSpace(staff.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(staff.TimeZone, out _))
            {
                failures.Add($"AccessReview:Staff '{staff.Actor}': time zone '{staff.TimeZone}' is unknown on this machine.");
            }

            if (staff.WorkdayEnd <= staff.WorkdayStart)
            {
                failures.Add($"AccessReview:Staff '{staff.Actor}': the workday ends before it starts.");
            }

            if (staff.AssignedQueueSize < 0)
            {
                failures.Add($"AccessReview:Staff '{staff.Actor}': the assigned queue size cannot be negative.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
