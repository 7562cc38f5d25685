using System.CommandLine;

namespace SubmissionGateway.Cli;

/// <summary>The root of the <c>sgw</c> command line; each verb registers itself here.</summary>
internal static class SgwCommand
{
    /// <summary>Exit code for a command line that cannot be parsed.</summary>
    public const int UsageError = 2;

    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("sgw: the SubmissionGateway command line." + Environment.NewLine + Environment.NewLine + ExitCodes.HelpTable);
        root.Subcommands.Add(Validate.ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(CodeSets.CodeSetsCommand.Create(stdout, stderr));
        root.Subcommands.Add(Keys.KeysCommand.Create(stdout, stderr));
        root.Subcommands.Add(Ledger.LedgerCommand.Create(stdout, stderr));
        root.Subcommands.Add(Ledger.AccountingCommand.Create(stdout, stderr));
        root.Subcommands.Add(DevToken.DevTokenCommand.Create(stdout, stderr));
        root.Subcommands.Add(Submissions.SubmitCommand.Create(stdout, stderr));
        root.Subcommands.Add(Submissions.StatusCommand.Create(stdout, stderr));
        root.Subcommands.Add(Requests.RequestsCommand.Create(stdout, stderr));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build(stdout, stderr);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A command line that cannot be parsed is a usage error: exit 2, never 1 (1 means "rejected").
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"sgw: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'sgw --help' or 'sgw <verb> --help' for usage.").ConfigureAwait(false);
            return UsageError;
        }

        return await parse.InvokeAsync(config).ConfigureAwait(false);
    }
}
