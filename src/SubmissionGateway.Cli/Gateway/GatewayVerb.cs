namespace SubmissionGateway.Cli.Gateway;

/// <summary>Runs a gateway verb's body and turns its failures into one message on standard error and an exit code.</summary>
internal static class GatewayVerb
{
    public static async Task<int> RunAsync(string verb, TextWriter stdout, TextWriter stderr, bool json, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CommandFailedException e)
        {
            if (json && e.ProblemJson is { } problem)
            {
                await stdout.WriteLineAsync(problem).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync($"sgw {verb}: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"sgw {verb}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}
