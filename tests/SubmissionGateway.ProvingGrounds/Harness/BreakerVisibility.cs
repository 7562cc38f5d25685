using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// Where an open payer circuit breaker can be seen from outside the process: the outbox item's last error
/// ("Circuit open for payer ...") and the `payer-breakers` check of /health/ready, which is Degraded and names the
/// payer while its circuit is not closed (the same state feeds the `sgw.payer.breaker_state` gauge).
/// </summary>
internal static class BreakerVisibility
{
    public sealed record Evidence(string? OutboxError, string? HealthEntry)
    {
        public bool Seen => OutboxError is not null || HealthEntry is not null;
    }

    public static async Task<Evidence> ReadAsync(GatewayUnderTest gateway, string payerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        await using var db = gateway.Database.Factory.CreateDbContext();
        var errors = await db.OutboxItems.AsNoTracking().Where(i => i.PayerId == payerId && i.LastError != null)
            .Select(i => i.LastError!).ToListAsync(cancellationToken);
        var outbox = errors.FirstOrDefault(e => e.Contains($"Circuit open for payer {payerId}", StringComparison.Ordinal));
        return new Evidence(outbox, await HealthEntryAsync(gateway, payerId, cancellationToken));
    }

    private static async Task<string?> HealthEntryAsync(GatewayUnderTest gateway, string payerId, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = gateway.Process.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!text.TrimStart().StartsWith('{'))
        {
            // The plain "Healthy"/"Unhealthy" writer names no entries.
            return null;
        }

        using var json = JsonDocument.Parse(text);
        if (json.RootElement.TryGetProperty("checks", out var checks)
            && checks.TryGetProperty("payer-breakers", out var breakers)
            && breakers.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty(payerId, out var state)
            && state.GetString() is { } circuit && circuit != "Closed")
        {
            var status = breakers.TryGetProperty("status", out var s) ? s.GetString() : null;
            return $"payer-breakers {status}: {payerId} {circuit}";
        }

        return null;
    }
}
