using System.Collections.Concurrent;

namespace SubmissionGateway.Forwarding;

/// <summary>
/// The circuit breaker of each payer channel, fed by the pipeline's OnOpened/OnHalfOpened/OnClosed callbacks (Polly
/// creates a breaker per payer lazily, so there is no provider to ask). Configured payers start closed.
/// Per process: each replica has its own breakers, as it has its own pipelines.
/// </summary>
public sealed class PayerBreakers
{
    private readonly ConcurrentDictionary<string, PayerBreakerStatus> _states = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public PayerBreakers(TimeProvider time, IEnumerable<string> payerIds)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentNullException.ThrowIfNull(payerIds);
        var now = time.GetUtcNow();
        foreach (var payer in payerIds)
        {
            _states[payer] = new PayerBreakerStatus(PayerBreakerState.Closed, now, TimeSpan.Zero);
        }
    }

    /// <summary>Every configured payer, and any other the channel has called.</summary>
    public IReadOnlyDictionary<string, PayerBreakerStatus> Snapshot() => new Dictionary<string, PayerBreakerStatus>(_states, StringComparer.Ordinal);

    public PayerBreakerState StateOf(string payerId) =>
        _states.TryGetValue(payerId, out var status) ? status.State : PayerBreakerState.Closed;

    internal void Opened(string payerId, TimeSpan breakDuration) =>
        _states[payerId] = new PayerBreakerStatus(PayerBreakerState.Open, _time.GetUtcNow(), breakDuration);

    internal void HalfOpened(string payerId) =>
        _states[payerId] = new PayerBreakerStatus(PayerBreakerState.HalfOpen, _time.GetUtcNow(), TimeSpan.Zero);

    internal void Closed(string payerId) =>
        _states[payerId] = new PayerBreakerStatus(PayerBreakerState.Closed, _time.GetUtcNow(), TimeSpan.Zero);
}
