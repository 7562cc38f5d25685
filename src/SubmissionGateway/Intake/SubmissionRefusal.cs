namespace SubmissionGateway.Intake;

/// <summary>Why a submission was refused before anything was stored or answered with acknowledgments.</summary>
public enum SubmissionRefusal
{
    /// <summary>The interchange's sender (ISA06) is not the authenticated submitter: the API answers 403.</summary>
    SubmitterMismatch,

    /// <summary>The body is not an X12 interchange, or holds more than one: the API answers 400.</summary>
    Unreadable,

    /// <summary>
    /// The submitter already used this ISA13 for an interchange with different bytes: the API answers 409 and the
    /// new body is neither stored nor processed (a corrected file needs a new control number).
    /// </summary>
    InterchangeReused,

    /// <summary>The submitter already used this Idempotency-Key for a different body: the API answers 409.</summary>
    IdempotencyKeyReused,
}
