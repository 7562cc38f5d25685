using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Api.Console;

/// <summary>
/// Configuration section <c>Console</c>: the pages coders and privacy officers use. Without an <see cref="Authority"/>
/// people sign in with a token the gateway itself accepts (<c>sgw dev-token</c> on the embedded default); with one,
/// the sign-in goes to that OpenID Connect provider.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Signed out after this long without a request (sliding).</summary>
    [DurationRange("00:01:00", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Signed out this long after signing in, however active.</summary>
    [DurationRange("00:05:00", "12:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>An OpenID Connect authority for production sign-in; its tokens must carry the same <c>role</c> claim.</summary>
    public Uri? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Working hours and queue sizes the access review compares audit events against.</summary>
    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<StaffMember> Staff { get; set; } = [];
}
