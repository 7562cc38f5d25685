namespace SubmissionGateway.Protection.PhiFields;

/// <summary>A protected PHI value could not be authenticated.</summary>
public sealed class PhiFieldTamperedException : Exception
{
    public PhiFieldTamperedException()
    {
    }

    public PhiFieldTamperedException(string message)
        : base(message)
    {
    }

    public PhiFieldTamperedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
