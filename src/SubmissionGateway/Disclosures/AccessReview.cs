using System.Globalization;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// The periodic review over stored audit events: access outside a user's working hours, a day's volume far above
/// their assigned queue, re-access to requests already closed, and access by someone with no staff profile.
/// </summary>
public sealed class AccessReview
{
    private readonly AccessAuditLog _log;
    private readonly AccessReviewOptions _options;

    public AccessReview(AccessAuditLog log, IOptions<AccessReviewOptions> options)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
    }

    public async Task<IReadOnlyList<AccessReviewFinding>> ReviewAsync(
        DateTimeOffset from, DateTimeOffset to, IEnumerable<StaffProfile> staff, CancellationToken cancellationToken)
    {
        var profiles = staff.ToDictionary(s => s.Actor, StringComparer.Ordinal);
        var outside = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var closed = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var unknown = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var daily = new Dictionary<(string Actor, DateOnly Day), (HashSet<string> Resources, List<long> Events)>();

        await foreach (var audit in _log.StreamAsync(from, to, cancellationToken).ConfigureAwait(false))
        {
            if (!profiles.TryGetValue(audit.Actor, out var profile))
            {
                Add(unknown, audit.Actor, audit.Id);
                continue;
            }

            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(audit.OccurredAt, DateTimeKind.Utc), profile.TimeZone);
            var time = TimeOnly.FromDateTime(local);
            if (!profile.WorkingDays.Contains(local.DayOfWeek) || time < profile.WorkdayStart || time >= profile.WorkdayEnd)
            {
                Add(outside, audit.Actor, audit.Id);
            }

            if (audit.ResourceClosed)
            {
                Add(closed, audit.Actor, audit.Id);
            }

            var key = (audit.Actor, DateOnly.FromDateTime(local));
            if (!daily.TryGetValue(key, out var day))
            {
                day = ([], []);
                daily[key] = day;
            }

            day.Resources.Add(audit.ResourceType + "/" + audit.ResourceId);
            day.Events.Add(audit.Id);
        }

        var findings = new List<AccessReviewFinding>();
        findings.AddRange(outside.Select(p => new AccessReviewFinding(p.Key, AccessReviewFlag.OutsideWorkingHours,
            $"{p.Value.Count} access(es) outside {p.Key}'s working hours.", p.Value)));
        findings.AddRange(closed.Select(p => new AccessReviewFinding(p.Key, AccessReviewFlag.ReaccessToClosedRequest,
            $"{p.Value.Count} access(es) to requests already closed.", p.Value)));
        findings.AddRange(unknown.Select(p => new AccessReviewFinding(p.Key, AccessReviewFlag.UnknownActor,
            $"{p.Value.Count} access(es) by an actor with no staff profile.", p.Value)));
        foreach (var ((actor, day), (resources, events)) in daily)
        {
            var queue = profiles[actor].AssignedQueueSize;
            if (resources.Count > Math.Max(1, queue) * _options.VolumeFactor)
            {
                findings.Add(new AccessReviewFinding(actor, AccessReviewFlag.VolumeAboveAssignedQueue,
                    string.Create(CultureInfo.InvariantCulture, $"{resources.Count} distinct records touched on {day:yyyy-MM-dd} against an assigned queue of {queue}."),
                    events));
            }
        }

        return findings;
    }

    private static void Add(Dictionary<string, List<long>> map, string actor, long id)
    {
        if (!map.TryGetValue(actor, out var list))
        {
            list = [];
            map[actor] = list;
        }

        list.Add(id);
    }
}
