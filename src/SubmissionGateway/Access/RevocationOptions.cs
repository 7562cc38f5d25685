using System.ComponentModel.DataAnnotations;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Access;

/// <summary>Configuration section <c>Revocations</c>.</summary>
public sealed class RevocationOptions
{
    public const string SectionName = "Revocations";

    /// <summary>
    /// How long a replica trusts its in-process copy of the list. A revoke on this replica takes effect at once;
    /// one made on another replica within this time. Keep it short: offboarding is same-day, usually same-minute.
    /// </summary>
    [DurationRange("00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(15);
}
