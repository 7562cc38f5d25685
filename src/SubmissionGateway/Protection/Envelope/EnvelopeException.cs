namespace SubmissionGateway.Protection.Envelope;

/// <summary>
/// A stored payload could not be opened: it was altered, truncated, extended, reordered, or its key is gone.
/// The message is written for an operator; no plaintext of an unauthenticated segment is ever released.
/// </summary>
public sealed class EnvelopeException : Exception
{
    public EnvelopeException()
    {
    }

    public EnvelopeException(string message)
        : base(message)
    {
    }

    public EnvelopeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
