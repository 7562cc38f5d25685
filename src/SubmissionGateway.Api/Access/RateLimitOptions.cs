using System.ComponentModel.DataAnnotations;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Api.Access;

/// <summary>
/// Configuration section <c>RateLimits</c>: a fixed window per client (the token's <c>sub</c> or the billing
/// system's client id), and one per remote address for requests without a user.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int PermitsPerWindow { get; set; } = 600;

    /// <summary>For requests that carry no valid credentials (health probes, failed logins), per remote address.</summary>
    [Range(1, 1_000_000)]
    public int AnonymousPermitsPerWindow { get; set; } = 120;

    [DurationRange("00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
