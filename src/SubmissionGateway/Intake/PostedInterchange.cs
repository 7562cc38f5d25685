using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Intake;

/// <summary>What every X12 post must be: exactly one interchange, ISA to IEA, and nothing after it.</summary>
internal static class PostedInterchange
{
    /// <param name="unit">What the caller posts ("submission", "request"), named in the refusal.</param>
    public static InterchangeResult Single(ValidationReport report, string unit)
    {
        if (report.Interchanges.Count == 0)
        {
            throw new SubmissionRefusedException(SubmissionRefusal.Unreadable,
                report.Unreadable ?? "The body is not an X12 interchange: it does not start with an ISA segment.");
        }

        if (report.Interchanges.Count > 1)
        {
            throw new SubmissionRefusedException(SubmissionRefusal.Unreadable,
                $"The body holds {report.Interchanges.Count} interchanges; post one interchange (ISA to IEA) per {unit}.");
        }

        // Reading stopped after a complete interchange: what follows its IEA is not X12. The acknowledgments would accept
        // the interchange, but the body is not one interchange and nothing after it (found by fuzzing the intake).
        var interchange = report.Interchanges[0];
        if (report.Unreadable is { } unreadable && interchange.EnvelopeAccepted)
        {
            throw new SubmissionRefusedException(SubmissionRefusal.Unreadable,
                $"The body goes on after its interchange's IEA with bytes that are not X12 ({unreadable}); post one interchange, ISA to IEA, and nothing after it.");
        }

        return interchange;
    }
}
