using System.ComponentModel.DataAnnotations;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Forwarding;

/// <summary>The outbox worker and the payer channels' resilience pipeline.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Forwarding";

    /// <summary>Names this worker in leases and outcome entries.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Items claimed, and their outcomes recorded, per transaction. Both transactions queue with the intake's for
    /// SQLite's one writer, so fewer, larger ones leave the intake more turns.
    /// </summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// How many of a batch's deliveries are in flight at once. A delivery mostly waits (the payer's answer, the ledger's
    /// commit), so one at a time left the worker far behind the intake; outcomes are still recorded together, in order.
    /// </summary>
    [Range(1, 64)]
    public int DeliveryConcurrency { get; set; } = 4;

    /// <summary>How long a claimed item stays with a worker before another may take it over.</summary>
    [DurationRange("00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries attempted (each with its own retries) before an item is abandoned.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    [DurationRange("00:00:00", "1.00:00:00")]
    public TimeSpan RedeliveryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    [DurationRange("00:00:00", "7.00:00:00")]
    public TimeSpan RedeliveryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the worker looks for due items when nothing in this process has told it of new ones (retries, other replicas).</summary>
    [DurationRange("00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the worker waits, once told of a new item, for others to join it: one claim and one outcome commit
    /// then serve many items, at the cost of this much delay before the first send.
    /// </summary>
    [DurationRange("00:00:00", "00:00:10")]
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [DurationRange("00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The whole delivery, all retries included.</summary>
    [DurationRange("00:00:00.100", "01:00:00")]
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromMinutes(3);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [DurationRange("00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [DurationRange("00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(0.01, 1.0)]
    public double BreakFailureRatio { get; set; } = 0.5;

    [Range(2, 1000)]
    public int BreakMinimumThroughput { get; set; } = 5;

    [DurationRange("00:00:00.500", "01:00:00")]
    public TimeSpan BreakSamplingDuration { get; set; } = TimeSpan.FromMinutes(1);
}
