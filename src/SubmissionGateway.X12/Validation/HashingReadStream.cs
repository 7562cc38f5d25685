using System.Security.Cryptography;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>Passes reads through and hashes every byte that goes by.</summary>
internal sealed class HashingReadStream(Stream inner, IncrementalHash hash) : ForwardOnlyReadStream
{
    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        hash.AppendData(buffer[..read]);
        return read;
    }
}
