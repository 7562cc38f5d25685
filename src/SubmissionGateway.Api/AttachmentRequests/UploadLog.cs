using SubmissionGateway.Redaction;

namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>Log lines about uploads. The patient fields the coder stated are PHI-classified: redacted, never written as sent.</summary>
internal static partial class UploadLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} stored in attachment request {RequestId} by {Coder} for claim {ClaimId}.")]
    public static partial void Stored(ILogger logger, long documentId, string requestId, string coder, [ClaimId] string claimId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Upload into attachment request {RequestId} by {Coder} refused ({Refusal}); stated patient {PatientName}, member {MemberId}, born {BirthDate}, claim {ClaimId}.")]
    public static partial void Refused(
        ILogger logger, string requestId, string coder, string refusal,
        [PatientName] string patientName, [MemberId] string memberId, [BirthDate] string birthDate, [ClaimId] string claimId);
}
