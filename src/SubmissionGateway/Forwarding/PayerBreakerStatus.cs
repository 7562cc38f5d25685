namespace SubmissionGateway.Forwarding;

/// <summary>
/// One payer's breaker: its state, since when, and for an open one how long it stays open before the next call is
/// let through as a probe.
/// </summary>
public sealed record PayerBreakerStatus(PayerBreakerState State, DateTimeOffset Since, TimeSpan BreakDuration);
