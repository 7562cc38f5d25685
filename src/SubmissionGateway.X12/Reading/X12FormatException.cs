namespace SubmissionGateway.X12.Reading;

/// <summary>The input cannot be read as X12 from this point on (no ISA, a truncated interchange, a binary
/// segment whose declared length does not match its content). Carries the byte offset where reading stopped.</summary>
public sealed class X12FormatException : Exception
{
    public X12FormatException() { }

    public X12FormatException(string message) : base(message) { }

    public X12FormatException(string message, Exception innerException) : base(message, innerException) { }

    public X12FormatException(string message, long offset, X12FormatError error) : base(message)
    {
        Offset = offset;
        Error = error;
    }

    /// <summary>Byte offset in the input where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>What kind of problem stopped the reader.</summary>
    public X12FormatError Error { get; }
}
