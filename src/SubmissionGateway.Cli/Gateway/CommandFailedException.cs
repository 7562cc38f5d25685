namespace SubmissionGateway.Cli.Gateway;

/// <summary>
/// A failure a user can cause or fix (refusal, bad file, unreachable gateway), carrying the exit code it maps to and,
/// when the gateway answered with a problem, its JSON for <c>--json</c>.
/// </summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException(int exitCode, string message, string? problemJson = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        ProblemJson = problemJson;
    }

    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Refused;

    public string? ProblemJson { get; }
}
