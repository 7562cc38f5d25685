namespace SubmissionGateway.Intake;

/// <summary>Why one 275 of a bundled submission was refused; <see cref="Part"/> counts the 275 parts from 1.</summary>
public sealed record BundledPartRefusal(int Part, AttachmentRefusal Refusal);
