namespace SubmissionGateway.Limits;

/// <summary>
/// Reads at most <c>limit</c> bytes from the inner stream and throws as soon as one more byte exists, so an
/// oversized upload is stopped at the limit instead of being read to its end first.
/// </summary>
public sealed class SizeLimitedStream(Stream inner, long limit) : Stream
{
    private long _read;

    public long Limit => limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer[..Allowed(buffer.Length)]);
        return Count(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false);
        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // One byte past the limit is asked for, never more: it is how an oversized stream is told from one of exactly the limit.
    private int Allowed(int requested) => (int)Math.Min(requested, limit - _read + 1);

    private int Count(int n)
    {
        _read += n;
        if (_read > limit)
        {
            throw new SizeLimitExceededException($"The content passed its limit of {limit} bytes.");
        }

        return n;
    }
}
