extern alias cli;

using System.Diagnostics;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// Runs <c>sgw</c>: as its own process (the built binary, the way an auditor would) or in-process through its root
/// command (the same parsing, verbs and exit codes, without a runtime start per call on a busy CI machine).
/// </summary>
internal static class SgwCli
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Error}";
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Repository.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("sgw did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, await output, await error);
    }

    public static async Task<Result> RunInProcessAsync(IEnumerable<string> arguments)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await cli::SubmissionGateway.Cli.SgwCommand.RunAsync([.. arguments], stdout, stderr);
        return new Result(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary><c>sgw ledger verify</c> against a database and a folder of signed tree heads.</summary>
    public static Task<Result> VerifyLedgerAsync(string database, string headFolder, string publicKeyPem, bool asProcess, CancellationToken cancellationToken)
    {
        string[] arguments = ["ledger", "verify", "--database", database, "--heads", headFolder, "--public-key", publicKeyPem];
        return asProcess ? RunAsync(arguments, cancellationToken) : RunInProcessAsync(arguments);
    }
}
