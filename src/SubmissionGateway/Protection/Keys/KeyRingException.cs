namespace SubmissionGateway.Protection.Keys;

/// <summary>A key ring cannot be used: its file is exposed or damaged, or its store refused. The message says what to fix.</summary>
public sealed class KeyRingException : Exception
{
    public KeyRingException()
    {
    }

    public KeyRingException(string message)
        : base(message)
    {
    }

    public KeyRingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
