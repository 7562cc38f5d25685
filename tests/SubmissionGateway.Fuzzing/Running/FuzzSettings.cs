namespace SubmissionGateway.Fuzzing.Running;

/// <summary>How long and how one campaign runs.</summary>
public sealed record FuzzSettings
{
    public long Iterations { get; init; } = 2_000;

    /// <summary>A CsCheck seed to reproduce a run; null picks a fresh one (printed on failure).</summary>
    public string? Seed { get; init; }

    public int Threads { get; init; } = 1;

    /// <summary>An input that takes longer than this fails (slow but finite: shrunk and reported like a crash).</summary>
    public TimeSpan PerInputLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An input still running after this is a hang: saved, then the process stops (a thread cannot be aborted).</summary>
    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where failing inputs are written.</summary>
    public string CrashFolder { get; init; } = Path.Combine(Path.GetTempPath(), "sgw-fuzz-crashes");

    /// <summary>How often the progress line is written; zero for never.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.Zero;
}
