namespace SubmissionGateway.Protection.Retention;

/// <summary>The outcome of one retention sweep: what was examined and what was shredded, against which cut-off.</summary>
public sealed record RetentionSweepResult(DateTimeOffset Cutoff, int Examined, int Shredded);
