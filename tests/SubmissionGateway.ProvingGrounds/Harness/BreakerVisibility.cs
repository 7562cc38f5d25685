using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// Where an open payer circuit breaker can be seen from outside the process. Today: the outbox item's last error
/// ("Circuit open for payer ...") and, when it reports one, a payer entry in /health/ready. EXTENSION POINT: when
/// breaker health checks and metrics land (issue 4), add their reading here (e.g. an entry "payer:SGWPAYER01" with
/// status Degraded in /health/ready, a breaker-state gauge on the metrics endpoint) and make the scenario require it.
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
        return json.RootElement.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Object
            ? entries.EnumerateObject().Where(e => e.Name.Contains(payerId, StringComparison.OrdinalIgnoreCase)).Select(e => $"{e.Name}: {e.Value}").FirstOrDefault()
            : null;
    }
}
