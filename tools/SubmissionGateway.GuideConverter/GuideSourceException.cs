namespace SubmissionGateway.GuideConverter;

/// <summary>A source map or authored guide that cannot be turned into our format; the message names the place.</summary>
public sealed class GuideSourceException : Exception
{
    public GuideSourceException(string message) : base(message) { }
    public GuideSourceException(string message, Exception inner) : base(message, inner) { }
    public GuideSourceException() { }
}
