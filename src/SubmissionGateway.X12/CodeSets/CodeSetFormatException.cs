namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// A code-set file that cannot be used: an import source of an unknown kind or with broken content, or a compiled
/// file that is damaged or of another format version. The message is meant for the user as it stands.
/// </summary>
public sealed class CodeSetFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CodeSetFormatException()
    {
    }

    /// <summary>Creates the exception with a message for the user.</summary>
    public CodeSetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the cause.</summary>
    public CodeSetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
