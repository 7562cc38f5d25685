using Spectre.Console;

namespace SubmissionGateway.Cli;

/// <summary>
/// Progress for uploads and long imports: Spectre.Console on an interactive terminal (standard error, so standard
/// output stays the answer); otherwise plain lines, so logs and scripts read cleanly.
/// </summary>
internal static class ProgressDisplay
{
    public static bool IsInteractive(TextWriter stderr, bool json) =>
        !json && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>A spinner while work of unknown length runs (a code-set import); nothing extra when not interactive.</summary>
    public static async Task<T> SpinAsync<T>(string label, bool interactive, TextWriter stderr, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!interactive)
        {
            return await work().ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        return await console.Status().StartAsync(Markup.Escape(label), _ => work()).ConfigureAwait(false);
    }

    /// <summary>A bar over <paramref name="total"/> bytes; <paramref name="upload"/> reports how many have been read.</summary>
    public static async Task<T> RunAsync<T>(string label, long total, bool interactive, TextWriter stderr, Func<Action<long>, Task<T>> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(total, 1));
                    var result = await upload(read => task.Value = read).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    return result;
                }).ConfigureAwait(false);
        }

        var reported = 0;
        return await upload(read =>
        {
            var quarter = total <= 0 ? 4 : (int)(read * 4 / total);
            if (quarter > reported)
            {
                reported = quarter;
                stderr.WriteLine($"{label}: {quarter * 25}% ({read} of {total} bytes)");
            }
        }).ConfigureAwait(false);
    }
}
