using System.Collections;

namespace SubmissionGateway.X12.Claims;

/// <summary>
/// The claims of one transaction set, in file order. Held in blocks of a few thousand rather than one growing array:
/// a batch of tens of thousands of claims would otherwise end in an array on the large object heap, which the GC
/// treats as old, so every claim it points to would outlive its report until the next full collection, and every
/// young collection would mark and promote the claims of reports long gone.
/// </summary>
public sealed class ClaimList : IReadOnlyList<Claim>
{
    // 4,096 references: 32 KB, well under the 85,000-byte large object threshold.
    private const int BlockShift = 12;
    private const int BlockSize = 1 << BlockShift;

    private readonly List<Claim[]> _blocks = [];

    public int Count { get; private set; }

    public Claim this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _blocks[index >> BlockShift][index & (BlockSize - 1)];
        }
    }

    /// <summary>True when at least one claim matches.</summary>
    public bool Exists(Predicate<Claim> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        foreach (var claim in this)
        {
            if (match(claim))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every claim matches (and when there is none).</summary>
    public bool TrueForAll(Predicate<Claim> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        foreach (var claim in this)
        {
            if (!match(claim))
            {
                return false;
            }
        }

        return true;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Claim> IEnumerable<Claim>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(Claim claim)
    {
        var offset = Count & (BlockSize - 1);
        if (offset == 0)
        {
            // Small blocks first, so the many one-claim sets of a busy gateway do not each carry a 32 KB block.
            _blocks.Add(new Claim[Count == 0 ? 4 : BlockSize]);
        }
        else if (_blocks.Count == 1 && offset == _blocks[0].Length)
        {
            Array.Resize(ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_blocks)[0], Math.Min(offset * 2, BlockSize));
        }

        _blocks[^1][offset] = claim;
        Count++;
    }

    /// <summary>Walks the claims in file order without allocating.</summary>
    public struct Enumerator : IEnumerator<Claim>
    {
        private readonly ClaimList _list;
        private int _index;

        internal Enumerator(ClaimList list)
        {
            _list = list;
            _index = -1;
            Current = null!;
        }

        public Claim Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (++_index >= _list.Count)
            {
                Current = null!;
                return false;
            }

            Current = _list._blocks[_index >> BlockShift][_index & (BlockSize - 1)];
            return true;
        }

        public void Reset()
        {
            _index = -1;
            Current = null!;
        }

        public readonly void Dispose()
        {
        }
    }
}
