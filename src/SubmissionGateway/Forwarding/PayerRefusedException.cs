namespace SubmissionGateway.Forwarding;

/// <summary>The payer cannot take this payload; nothing was recorded and nothing was sent.</summary>
public sealed class PayerRefusedException : Exception
{
    public PayerRefusedException()
    {
    }

    public PayerRefusedException(string message)
        : base(message)
    {
    }

    public PayerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
