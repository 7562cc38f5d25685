namespace SubmissionGateway.Intake;

/// <summary>A submission refused as a whole; its message is written for the billing system and names no patient.</summary>
public sealed class SubmissionRefusedException : Exception
{
    public SubmissionRefusedException()
    {
    }

    public SubmissionRefusedException(string message)
        : base(message)
    {
    }

    public SubmissionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SubmissionRefusedException(SubmissionRefusal reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public SubmissionRefusal Reason { get; }
}
