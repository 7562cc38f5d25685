namespace SubmissionGateway.Intake;

/// <summary>The answer to a directly posted 275: always the 999, then either what was accepted or why it was refused.</summary>
public sealed record AttachmentIntakeResult(byte[] Acknowledgment, AcceptedAttachment? Accepted, AttachmentRefusal? Refusal);
