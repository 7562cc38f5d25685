using System.Buffers;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// A run of ledger rows as the verifier needs them: each row's leaf input (0x00 || canonical bytes) laid end to end
/// in one buffer, its sequence and the leaf hash stored beside it. Reused batch after batch, so verifying a million
/// rows allocates a handful of buffers instead of a million entities.
/// </summary>
internal sealed class LedgerLeafBatch : ILeafRows
{
    private readonly int[] _ends;
    private readonly bool[] _storedLeafWellFormed;

    public LedgerLeafBatch(int capacity)
    {
        _ends = new int[capacity];
        _storedLeafWellFormed = new bool[capacity];
        Sequences = new long[capacity];
        StoredLeaves = new byte[capacity * MerkleTree.HashSize];
        LeafInputs = new ArrayBufferWriter<byte>(capacity * 512);
    }

    public int Capacity => _ends.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _ends.Length;

    public ArrayBufferWriter<byte> LeafInputs { get; }

    public long[] Sequences { get; }

    public byte[] StoredLeaves { get; }

    public long Sequence(int index) => Sequences[index];

    public bool StoredLeafMatches(int index, ReadOnlySpan<byte> leaf) =>
        _storedLeafWellFormed[index]
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(leaf, StoredLeaves.AsSpan(index * MerkleTree.HashSize, MerkleTree.HashSize));

    public ReadOnlySpan<byte> LeafInput(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return LeafInputs.WrittenSpan[start.._ends[index]];
    }

    /// <summary>Starts a row: the caller writes its canonical body into <see cref="LeafInputs"/>, then calls <see cref="EndRow"/>.</summary>
    public void BeginRow()
    {
        LeafInputs.GetSpan(1)[0] = 0x00;
        LeafInputs.Advance(1);
    }

    public void EndRow(long sequence, ReadOnlySpan<byte> storedLeaf)
    {
        Sequences[Count] = sequence;
        var stored = StoredLeaves.AsSpan(Count * MerkleTree.HashSize, MerkleTree.HashSize);
        stored.Clear();
        // A stored hash of the wrong length is a tampered row, never equal to a recomputed leaf.
        _storedLeafWellFormed[Count] = storedLeaf.Length == MerkleTree.HashSize;
        storedLeaf[..Math.Min(storedLeaf.Length, MerkleTree.HashSize)].CopyTo(stored);

        _ends[Count] = LeafInputs.WrittenCount;
        Count++;
    }

    public void Clear()
    {
        Count = 0;
        LeafInputs.ResetWrittenCount();
    }
}
