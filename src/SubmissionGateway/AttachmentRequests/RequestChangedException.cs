namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Thrown inside the recording transaction when the request is no longer open (another submission won) or gained a
/// document while its 275 was being built; it rolls the transaction back so nothing is recorded or queued.
/// </summary>
internal sealed class RequestChangedException : Exception
{
    public RequestChangedException()
        : base("The attachment request changed while its 275 was being built.")
    {
    }

    public RequestChangedException(string message)
        : base(message)
    {
    }

    public RequestChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
