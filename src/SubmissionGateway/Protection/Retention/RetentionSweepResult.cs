namespace SubmissionGateway.Protection.Retention;

/// <summary>
/// The outcome of one retention sweep against a cut-off: payloads examined, shredded, and due but not shredded
/// (an error; they are retried by the next sweep).
/// </summary>
public sealed record RetentionSweepResult(DateTimeOffset Cutoff, int Examined, int Shredded, int Failed);
