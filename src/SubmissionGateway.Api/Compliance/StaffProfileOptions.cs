using System.Diagnostics.CodeAnalysis;

namespace SubmissionGateway.Api.Compliance;

/// <summary>One user's working pattern for the access review (configuration section <c>AccessReview:Staff</c>).</summary>
public sealed class StaffProfileOptions
{
    public string Actor { get; set; } = "";

    public TimeOnly WorkdayStart { get; set; } = new(8, 0);

    public TimeOnly WorkdayEnd { get; set; } = new(18, 0);

    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<DayOfWeek> WorkingDays { get; set; } = [];

    /// <summary>An IANA or Windows time zone id; UTC when empty.</summary>
    public string TimeZone { get; set; } = "";

    public int AssignedQueueSize { get; set; } = 1;
}
