namespace SubmissionGateway.X12.Reading;

/// <summary>A read-only view of a BIN/BDS payload: exactly the declared bytes, read through the reader's buffer.</summary>
internal sealed class BinaryPayloadStream(X12Reader reader) : ForwardOnlyReadStream
{
    public override int Read(Span<byte> buffer) => reader.ReadPayload(buffer);
}
