namespace SubmissionGateway.Intake;

/// <summary>Why a submission was refused before anything was stored or answered with acknowledgments.</summary>
public enum SubmissionRefusal
{
    /// <summary>The interchange's sender (ISA06) is not the authenticated submitter: the API answers 403.</summary>
    SubmitterMismatch,

    /// <summary>The body is not an X12 interchange, or holds more than one: the API answers 400.</summary>
    Unreadable,
}
