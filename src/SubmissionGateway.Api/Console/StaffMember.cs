using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Api.Console;

/// <summary>One staff profile as configured (<c>Console:Staff</c>), turned into the access review's <see cref="StaffProfile"/>.</summary>
public sealed class StaffMember
{
    public string Actor { get; set; } = "";

    public TimeOnly WorkdayStart { get; set; } = new(8, 0);

    public TimeOnly WorkdayEnd { get; set; } = new(18, 0);

    public string WorkingDays { get; set; } = "Monday,Tuesday,Wednesday,Thursday,Friday";

    public string TimeZone { get; set; } = "UTC";

    public int AssignedQueueSize { get; set; } = 20;

    public StaffProfile ToProfile() => new(
        Actor, WorkdayStart, WorkdayEnd,
        WorkingDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<DayOfWeek>).ToHashSet(),
        TimeZoneInfo.FindSystemTimeZoneById(TimeZone), AssignedQueueSize);
}
