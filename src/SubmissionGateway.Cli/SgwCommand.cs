using System.CommandLine;

namespace SubmissionGateway.Cli;

/// <summary>The root of the <c>sgw</c> command line; each verb registers itself here.</summary>
internal static class SgwCommand
{
    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("sgw: the SubmissionGateway command line.");
        root.Subcommands.Add(Validate.ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(CodeSets.CodeSetsCommand.Create(stdout, stderr));
        root.Subcommands.Add(Keys.KeysCommand.Create(stdout, stderr));
        root.Subcommands.Add(Ledger.LedgerCommand.Create(stdout, stderr));
        root.Subcommands.Add(Ledger.AccountingCommand.Create(stdout, stderr));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build(stdout, stderr);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await root.Parse(args).InvokeAsync(config).ConfigureAwait(false);
    }
}
