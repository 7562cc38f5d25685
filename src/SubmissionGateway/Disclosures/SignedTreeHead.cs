using System.Buffers.Binary;
using System.Text;

namespace SubmissionGateway.Disclosures;

/// <summary>A signed statement that the ledger had <see cref="TreeSize"/> entries with this root at this time.</summary>
public sealed record SignedTreeHead(long TreeSize, byte[] RootHash, DateTimeOffset Timestamp, string KeyId, byte[] Signature)
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("SGW-STH-1");

    /// <summary>The bytes the signature covers: a domain tag, the size, the time and the root.</summary>
    public static byte[] SignedBytes(long treeSize, ReadOnlySpan<byte> rootHash, DateTimeOffset timestamp)
    {
        var bytes = new byte[Domain.Length + 8 + 8 + rootHash.Length];
        Domain.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Domain.Length), treeSize);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Domain.Length + 8), timestamp.ToUnixTimeMilliseconds());
        rootHash.CopyTo(bytes.AsSpan(Domain.Length + 16));
        return bytes;
    }
}
