using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Api.Health;

/// <summary>
/// Degraded while any payer's circuit is open, naming the payers: submissions are still taken and queued, but
/// deliveries to those payers wait. Never Unhealthy: one payer's outage is no reason to take the gateway out.
/// </summary>
internal sealed class PayerBreakersHealthCheck(PayerBreakers breakers, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = breakers.Snapshot();
        var data = snapshot.OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => (object)p.Value.State.ToString(), StringComparer.Ordinal);
        var open = snapshot.Where(p => p.Value.State == PayerBreakerState.Open).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (open.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"No payer circuit is open ({snapshot.Count} payers).", data));
        }

        var now = time.GetUtcNow();
        var described = open.Select(p =>
        {
            var retry = p.Value.Since + p.Value.BreakDuration;
            return retry > now
                ? string.Create(CultureInfo.InvariantCulture, $"{p.Key} (open since {p.Value.Since:O}, next probe after {retry:O})")
                : string.Create(CultureInfo.InvariantCulture, $"{p.Key} (open since {p.Value.Since:O}, the next delivery probes it)");
        });
        return Task.FromResult(HealthCheckResult.Degraded($"Circuit open for payer {string.Join(", ", described)}.", data: data));
    }
}
