namespace SubmissionGateway.Tests.AttachmentRequests;

/// <summary>
/// A synthetic PNG "scan" of any size, generated as it is read (never held whole), optionally failing after some bytes
/// the way a client that disconnects mid-upload does.
/// </summary>
internal sealed class SyntheticScan(long length, long failAfter = long.MaxValue) : Stream
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>The byte at <paramref name="at"/>: the signature, then a pattern that is not all one value.</summary>
    public static byte At(long at) => at < Signature.Length ? Signature[at] : (byte)((at * 31) ^ (at >> 9));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter)
        {
            throw new IOException("The client went away in the middle of the upload.");
        }

        var n = (int)Math.Min(buffer.Length, Math.Min(length, failAfter) - _position);
        for (var i = 0; i < n; i++)
        {
            buffer[i] = At(_position + i);
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
