namespace SubmissionGateway.Forwarding;

/// <summary>A payer channel's circuit breaker as last reported by its resilience pipeline; the values are the gauge's.</summary>
public enum PayerBreakerState
{
    Closed = 0,
    HalfOpen = 1,
    Open = 2,
}
