using SubmissionGateway.Api.Attachments;

namespace SubmissionGateway.Api.Submissions;

/// <summary>The answer to an 837 posted with its 275s (multipart): the submission, then each 275 in part order.</summary>
public sealed record BundledSubmissionResponse(SubmissionResponse Submission, IReadOnlyList<AttachmentResponse> Attachments);
