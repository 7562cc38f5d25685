using System.Security.Cryptography;

namespace SubmissionGateway.Disclosures;

/// <summary>A batch of stored rows already hashed: sequences, leaves, and whether each stored leaf matched.</summary>
internal sealed class HashedRows : ILeafRows
{
    private readonly long[] _sequences;
    private readonly bool[] _matches;

    private HashedRows(long[] sequences, byte[] leaves, bool[] matches)
    {
        _sequences = sequences;
        Leaves = leaves;
        _matches = matches;
    }

    public int Count => _sequences.Length;

    public byte[] Leaves { get; }

    /// <summary>Hashes <paramref name="batch"/>; the batch's buffers can be dropped afterwards.</summary>
    public static HashedRows Of(LedgerLeafBatch batch)
    {
        var sequences = batch.Sequences.AsSpan(0, batch.Count).ToArray();
        var leaves = new byte[batch.Count * MerkleTree.HashSize];
        var matches = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var leaf = leaves.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize);
            SHA256.HashData(batch.LeafInput(i), leaf);
            matches[i] = batch.StoredLeafMatches(i, leaf);
        }

        return new HashedRows(sequences, leaves, matches);
    }

    public long Sequence(int index) => _sequences[index];

    // Compared when hashed, in constant time; the leaf passed in is the one computed then.
    public bool StoredLeafMatches(int index, ReadOnlySpan<byte> leaf) => _matches[index];
}
