using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// A staging buffer whose start lies on a block boundary, as O_DIRECT writes require. It lives on the pinned object
/// heap (it never moves, and needs no unsafe code) and is pooled, so concurrent uploads reuse a few of them instead of
/// each allocating a fresh megabyte. It only ever holds sealed bytes (header and ciphertext), never plaintext.
/// </summary>
internal sealed class AlignedBlockBuffer
{
    public const int BlockSize = 4096;
    public const int DefaultSize = 1024 * 1024;

    private static readonly ConcurrentBag<AlignedBlockBuffer> Pool = [];
    private static readonly int PoolLimit = Environment.ProcessorCount * 4; // two per upload in flight

    private readonly byte[] _array;
    private readonly int _offset;

    private AlignedBlockBuffer(int size)
    {
        _array = GC.AllocateUninitializedArray<byte>(size + BlockSize, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0);
        _offset = (int)((BlockSize - (address % BlockSize)) % BlockSize);
        Size = size;
    }

    public int Size { get; }

    public Memory<byte> Memory => _array.AsMemory(_offset, Size);

    public Span<byte> Span => _array.AsSpan(_offset, Size);

    public static AlignedBlockBuffer Rent(int size)
    {
        if (size == DefaultSize && Pool.TryTake(out var pooled))
        {
            return pooled;
        }

        return new AlignedBlockBuffer(size);
    }

    public void Return()
    {
        if (Size == DefaultSize && Pool.Count < PoolLimit)
        {
            Pool.Add(this);
        }
    }
}
