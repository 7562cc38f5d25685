namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>
/// A request body read so that every read comes back full, or short only at the body's end, however the network split
/// the bytes. ASP.NET's MultipartReader reads some malformed bodies differently depending on where its reads end:
/// fuzzing found a boundary line followed by junk refused as malformed when the body arrived whole, yet read as parts
/// when it arrived a few bytes at a time. Behind this stream the same body always reads the same way.
/// </summary>
internal sealed class FilledReadStream(Stream body) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => body.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
