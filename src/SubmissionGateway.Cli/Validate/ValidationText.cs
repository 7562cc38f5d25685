using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Cli.Validate;

/// <summary>The readable report: one verdict line per file and transaction, then each problem in plain words.</summary>
internal static class ValidationText
{
    public static void Write(TextWriter output, FileOutcome outcome)
    {
        var verdict = outcome.ExitCode switch
        {
            ValidateCommand.Accepted => "ACCEPTED",
            ValidateCommand.Rejected => "REJECTED",
            _ => "NOT READABLE",
        };
        output.WriteLine($"{verdict}  {outcome.Path}");
        if (outcome.Report is null)
        {
            output.WriteLine($"  {outcome.Problem}");
            return;
        }

        foreach (var interchange in outcome.Report.Interchanges)
        {
            output.WriteLine($"  interchange {interchange.ControlNumber} from {interchange.SenderId} to {interchange.ReceiverId}: TA1 {(interchange.EnvelopeAccepted ? "A" : "R")} {interchange.NoteCode}");
            foreach (var finding in interchange.Findings)
            {
                output.WriteLine($"    ! {finding.Message}");
            }

            foreach (var group in interchange.Groups)
            {
                output.WriteLine($"  group {group.FunctionalId} {group.ControlNumber} ({group.Version}): 999 AK9 {group.AcknowledgmentCode}");
                foreach (var finding in group.Findings)
                {
                    output.WriteLine($"    ! {finding.Message}");
                }

                foreach (var transaction in group.Transactions)
                {
                    var accepted = transaction.Claims.Count(c => c.Accepted);
                    var claims = transaction.Claims.Count > 0 ? $", {accepted} of {transaction.Claims.Count} claim(s) accepted" : string.Empty;
                    output.WriteLine($"    {transaction.SetId} {transaction.ControlNumber} ({transaction.Guide?.Id ?? transaction.Implementation}): {(transaction.SyntaxAccepted ? "syntax accepted (999)" : "rejected (999)")}{claims}");
                    foreach (var finding in transaction.Findings.Concat(transaction.Claims.SelectMany(c => c.Findings)))
                    {
                        output.WriteLine($"      {Where(finding)}: {finding.Message}");
                    }
                }
            }
        }

        if (outcome.Report.Unreadable is not null)
        {
            output.WriteLine($"  ! stopped reading at byte {outcome.Report.UnreadableOffset}: {outcome.Report.Unreadable}");
        }

        foreach (var note in outcome.Report.Notes)
        {
            output.WriteLine($"  note: {note}");
        }

        foreach (var path in outcome.Acknowledgments)
        {
            output.WriteLine($"  acknowledgment written: {path}");
        }
    }

    private static string Where(X12Finding f)
    {
        var code = f.ElementErrorCode ?? f.SegmentErrorCode ?? f.EnvelopeErrorCode ?? $"{f.ClaimStatusCode} {f.Rule}";
        var element = f.ElementPosition > 0 ? $" {f.ElementReference ?? f.SegmentId + f.ElementPosition.ToString("00", System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty;
        var claim = f.ClaimId is null ? string.Empty : $" claim {f.ClaimId}";
        return $"SNIP {(int)f.Snip} [{code}] segment {f.SegmentId} #{f.SegmentPosition}{(f.LoopId is null ? string.Empty : " loop " + f.LoopId)}{element}{claim}";
    }
}
