namespace SubmissionGateway.X12.Reading;

/// <summary>Limits the reader enforces while it reads, so a hostile input never makes it buffer without bound.</summary>
public sealed class X12ReaderOptions
{
    public static X12ReaderOptions Default { get; } = new();

    /// <summary>The longest delimited segment accepted (binary payloads excluded). Default 64 KiB.</summary>
    public int MaxSegmentLength { get; init; } = 64 * 1024;
}
