namespace SubmissionGateway.Forwarding;

/// <summary>
/// Tells the outbox worker in this process that something was queued, so a delivery starts within
/// <see cref="ForwardingOptions.GatherDelay"/> instead of at the next poll, and deliveries flow beside a steady intake
/// in small batches instead of arriving as one burst per poll interval. Items queued by another process are still
/// found by the poll.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the first <see cref="Queued"/> after it was asked for.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Called after a commit that queued deliveries.</summary>
    public void Queued() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
