namespace SubmissionGateway.Limits;

/// <summary>Raised by <see cref="SizeLimitedStream"/> the moment the content would pass its limit.</summary>
public sealed class SizeLimitExceededException : IOException
{
    public SizeLimitExceededException()
    {
    }

    public SizeLimitExceededException(string message)
        : base(message)
    {
    }

    public SizeLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
