using SubmissionGateway.Redaction;

namespace SubmissionGateway.Api.Submissions;

/// <summary>Log lines about submissions; claim ids are PHI-classified and reach no provider unredacted.</summary>
internal static partial class SubmissionLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Submission {SubmissionId} from {SubmitterId} (ICN {InterchangeControlNumber}, replayed {Replayed}): {Accepted} of {Total} claims accepted; claims {ClaimIds}.")]
    public static partial void Received(
        ILogger logger, string submissionId, string submitterId, string interchangeControlNumber, bool replayed, int accepted, int total, [ClaimId] string claimIds);
}
