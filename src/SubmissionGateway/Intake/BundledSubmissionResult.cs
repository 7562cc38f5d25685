namespace SubmissionGateway.Intake;

/// <summary>
/// The answer to an 837 posted with its 275s: the submission and each 275's result, or, when any 275 disagreed
/// with the 837's claims, every such refusal and nothing else (nothing was kept, recorded or queued).
/// </summary>
public sealed record BundledSubmissionResult(
    SubmissionResult? Submission,
    IReadOnlyList<AttachmentIntakeResult> Attachments,
    IReadOnlyList<BundledPartRefusal> Refusals);
