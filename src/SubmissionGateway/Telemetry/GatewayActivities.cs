using System.Diagnostics;

namespace SubmissionGateway.Telemetry;

/// <summary>
/// The gateway's trace source. Spans carry ids and counts, never PHI: no patient, member id or claim content in a tag.
/// </summary>
public static class GatewayActivities
{
    public const string SourceName = "SubmissionGateway";

    public static readonly ActivitySource Source = new(SourceName);
}
