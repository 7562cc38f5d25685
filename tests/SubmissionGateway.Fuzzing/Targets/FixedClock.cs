namespace SubmissionGateway.Fuzzing.Targets;

/// <summary>A clock that never moves, so that the same input always gives the same findings.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
