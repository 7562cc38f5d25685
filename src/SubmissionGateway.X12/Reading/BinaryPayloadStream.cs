namespace SubmissionGateway.X12.Reading;

/// <summary>A read-only view of a BIN/BDS payload: exactly the declared bytes, read through the reader's buffer.</summary>
internal sealed class BinaryPayloadStream(X12Reader reader) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => reader.ReadPayload(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => reader.ReadPayload(buffer);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
