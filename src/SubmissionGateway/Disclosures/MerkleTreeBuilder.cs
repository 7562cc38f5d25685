namespace SubmissionGateway.Disclosures;

/// <summary>
/// Builds an RFC 6962 tree one leaf at a time, keeping only the roots of its perfect subtrees (one per set bit of
/// the size), so a million leaves cost a million appends and 64 hashes of memory, and the root at any size is cheap.
/// </summary>
public sealed class MerkleTreeBuilder
{
    private readonly byte[] _stack = new byte[64 * MerkleTree.HashSize];
    private int _depth;

    public long Size { get; private set; }

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        leafHash.CopyTo(Slot(_depth));
        _depth++;
        for (var s = Size; (s & 1) == 1; s >>= 1)
        {
            // Merge the two most recent perfect subtrees of equal height.
            MerkleTree.NodeHash(Slot(_depth - 2), Slot(_depth - 1), Slot(_depth - 2));
            _depth--;
        }

        Size++;
    }

    /// <summary>The root of the tree as it stands (RFC 6962 MTH).</summary>
    public byte[] Root()
    {
        if (_depth == 0)
        {
            return MerkleTree.EmptyRoot();
        }

        var root = Slot(_depth - 1).ToArray();
        for (var i = _depth - 2; i >= 0; i--)
        {
            MerkleTree.NodeHash(Slot(i), root, root);
        }

        return root;
    }

    private Span<byte> Slot(int i) => _stack.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize);
}
