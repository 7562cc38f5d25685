namespace SubmissionGateway.Disclosures;

/// <summary>What a reviewer compares access against: a user's working hours and the size of their assigned queue.</summary>
public sealed record StaffProfile(
    string Actor,
    TimeOnly WorkdayStart,
    TimeOnly WorkdayEnd,
    IReadOnlySet<DayOfWeek> WorkingDays,
    TimeZoneInfo TimeZone,
    int AssignedQueueSize);
