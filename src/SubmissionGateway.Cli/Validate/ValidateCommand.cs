using System.CommandLine;
using SubmissionGateway.X12.Acknowledgments;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Cli.Validate;

/// <summary><c>sgw validate FILE... [--json] [--ack-out DIR]</c>: offline SNIP validation with acknowledgments.</summary>
internal static class ValidateCommand
{
    public const int Accepted = 0;
    public const int Rejected = 1;
    public const int Unreadable = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "X12 files to validate (837P/I/D, 275, 999, 277CA…).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON document instead of the readable report." };
        var ackOut = new Option<DirectoryInfo?>("--ack-out") { Description = "Write each file's acknowledgments into this folder: TA1 (when due) and 999 in NAME.999.x12, the 277CA in NAME.277ca.x12." };
        var command = new Command("validate",
            "Validate X12 files offline (WEDI SNIP 1–5, with the code sets imported by 'sgw codesets import') and write their acknowledgments.\n" +
            "Exit codes: 0 every transaction and claim accepted; 1 any transaction or claim rejected; 2 a file is not X12 or cannot be read, or the command line is wrong.")
        {
            files, json, ackOut,
        };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(json), parse.GetValue(ackOut), stdout, stderr));
        return command;
    }

    internal static int Run(FileInfo[] files, bool json, DirectoryInfo? ackOut, TextWriter stdout, TextWriter stderr,
        CodeSetCatalog? codeSets = null)
    {
        if (codeSets is null)
        {
            try
            {
                codeSets = CodeSetCatalog.LoadDefault();
            }
            catch (CodeSetFormatException ex)
            {
                stderr.WriteLine($"sgw: the imported code sets cannot be read ({ex.Message}); run `sgw codesets import` again.");
                return Unreadable;
            }
        }

        var validator = new X12Validator(options: new X12ValidatorOptions { CodeSets = codeSets });
        var outcomes = new List<FileOutcome>();
        var exit = Accepted;
        foreach (var file in files)
        {
            var outcome = ValidateFile(validator, file, ackOut, stderr);
            outcomes.Add(outcome);
            exit = Math.Max(exit, outcome.ExitCode);
        }

        if (json)
        {
            ValidationJson.Write(stdout, outcomes);
        }
        else
        {
            foreach (var outcome in outcomes)
            {
                ValidationText.Write(stdout, outcome);
            }
        }

        return exit;
    }

    private static FileOutcome ValidateFile(X12Validator validator, FileInfo file, DirectoryInfo? ackOut, TextWriter stderr)
    {
        ValidationReport report;
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            report = validator.Validate(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"sgw: cannot read {file.FullName}: {ex.Message}");
            return new FileOutcome(file.FullName, null, Unreadable, [], $"cannot read the file: {ex.Message}");
        }

        var written = new List<string>();
        if (ackOut is not null && !report.NotX12)
        {
            try
            {
                Directory.CreateDirectory(ackOut.FullName);
                var index = 0;
                foreach (var interchange in report.Interchanges)
                {
                    var suffix = report.Interchanges.Count > 1 ? $".{++index}" : string.Empty;
                    var stem = Path.Combine(ackOut.FullName, $"{Path.GetFileNameWithoutExtension(file.Name)}{suffix}");
                    var ack = AcknowledgmentWriter.Write(interchange);
                    if (ack.Length > 0)
                    {
                        WriteAtomically(stem + ".999.x12", ack);
                        written.Add(stem + ".999.x12");
                    }

                    var claimAck = ClaimAcknowledgmentWriter.Write(interchange);
                    if (claimAck.Length > 0)
                    {
                        WriteAtomically(stem + ".277ca.x12", claimAck);
                        written.Add(stem + ".277ca.x12");
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"sgw: cannot write acknowledgments to {ackOut.FullName}: {ex.Message}");
                return new FileOutcome(file.FullName, report, Unreadable, written, $"cannot write acknowledgments: {ex.Message}");
            }
        }

        var exit = report.NotX12 ? Unreadable : report.Accepted ? Accepted : Rejected;
        return new FileOutcome(file.FullName, report, exit, written, report.NotX12 ? report.Unreadable : null);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
