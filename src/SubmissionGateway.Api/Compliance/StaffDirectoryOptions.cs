using System.Diagnostics.CodeAnalysis;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Api.Compliance;

/// <summary>Configuration section <c>AccessReview</c>: the staff the access review compares access against.</summary>
public sealed class StaffDirectoryOptions
{
    public const string SectionName = "AccessReview";

    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<StaffProfileOptions> Staff { get; set; } = [];

    public IReadOnlyList<StaffProfile> Profiles() =>
    [
        .. Staff.Select(s => new StaffProfile(
            s.Actor,
            s.WorkdayStart,
            s.WorkdayEnd,
            (s.WorkingDays.Count == 0 ? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday] : s.WorkingDays).ToHashSet(),
            string.IsNullOrWhiteSpace(s.TimeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone),
            s.AssignedQueueSize)),
    ];
}
