using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Intake;

/// <summary>What every X12 post must be: exactly one interchange, ISA to IEA.</summary>
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

        return report.Interchanges[0];
    }
}
