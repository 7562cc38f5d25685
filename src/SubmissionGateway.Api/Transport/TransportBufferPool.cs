using System.Buffers;
using System.Collections.Concurrent;

namespace SubmissionGateway.Api.Transport;

/// <summary>
/// Kestrel's buffers, in 64 KiB pinned blocks instead of its default 4 KiB. The socket transport receives into one
/// block at a time, so with 4 KiB blocks a 10 MB upload arrived as 2,560 recv calls (each with a 1-byte peek before
/// it): per-call kernel and pipe work that cost more than copying the bytes. Blocks are reused; beyond
/// <see cref="RetainedBlocks"/> idle ones, returned blocks are left to the GC so a burst does not hold memory forever.
/// Like Kestrel's own pool, a block is not cleared between uses: a pipe only ever exposes the bytes written into a block
/// since it was rented, never what an earlier connection left there.
/// </summary>
internal sealed class TransportBufferPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;
    public const int RetainedBlocks = 256;

    private readonly ConcurrentQueue<Block> _idle = new();
    private int _idleCount;
    private long _allocated;
    private bool _disposed;

    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks allocated so far (not reused ones): how much the pool has grown.</summary>
    internal long Allocated => Interlocked.Read(ref _allocated);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_idle.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _idleCount);
            block.Lease();
            return block;
        }

        Interlocked.Increment(ref _allocated);
        return new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _idle.Clear();
    }

    private void Return(Block block)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > RetainedBlocks)
        {
            Interlocked.Decrement(ref _idleCount);
            return;
        }

        _idle.Enqueue(block);
    }

    private sealed class Block(TransportBufferPool pool) : IMemoryOwner<byte>
    {
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        private int _leased = 1;

        public Memory<byte> Memory
        {
            get
            {
                ObjectDisposedException.ThrowIf(Volatile.Read(ref _leased) == 0, this);
                return _array;
            }
        }

        public void Lease() => Volatile.Write(ref _leased, 1);

        public void Dispose()
        {
            // Once only: a second dispose must not put the block in the pool twice (two owners of one buffer).
            if (Interlocked.Exchange(ref _leased, 0) == 1)
            {
                pool.Return(this);
            }
        }
    }
}
