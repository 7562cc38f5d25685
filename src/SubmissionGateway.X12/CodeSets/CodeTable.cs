namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// A compact, immutable code lookup: sorted packed keys (<see cref="CodeKey"/>) searched by binary search
/// inside a bucket chosen by the first two characters, with optional per-code flags and validity dates held
/// in parallel arrays. A lookup allocates nothing.
/// </summary>
internal sealed class CodeTable
{
    /// <summary>Flag: an ICD-10-CM code valid for HIPAA transactions (billable); absent on a category header.</summary>
    public const byte Billable = 1;

    /// <summary>Characters take 37 values in a key (padding, 0-9, A-Z).</summary>
    private const int Radix = 37;

    /// <summary>Below this size a plain binary search beats the bucket table's cache misses.</summary>
    private const int TwoCharThreshold = 256;

    /// <summary>
    /// From this size the first three characters pick the bucket (50,653 buckets, 200 KB): an ICD-10-CM bucket is
    /// then one category (S72…), a few dozen codes, instead of the thousands under two characters (S7…).
    /// </summary>
    private const int ThreeCharThreshold = 16_384;

    private readonly ulong[] _keys;
    private readonly byte[]? _flags;
    private readonly int[]? _fromDays;
    private readonly int[]? _toDays;
    private readonly int[]? _bucketStarts;
    private readonly int _prefixChars;

    /// <param name="keys">Sorted ascending, no duplicates.</param>
    /// <param name="flags">Per-code flags, or null.</param>
    /// <param name="fromDays">Per-code first effective day (<see cref="DateOnly.DayNumber"/>, <see cref="int.MinValue"/> for none), or null.</param>
    /// <param name="toDays">Per-code last effective day (<see cref="int.MaxValue"/> for none), or null.</param>
    public CodeTable(ulong[] keys, byte[]? flags, int[]? fromDays, int[]? toDays)
    {
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i] <= keys[i - 1])
            {
                throw new ArgumentException("Code keys must be sorted and distinct.", nameof(keys));
            }
        }

        if ((flags is not null && flags.Length != keys.Length)
            || (fromDays is not null && fromDays.Length != keys.Length)
            || (toDays is not null && toDays.Length != keys.Length)
            || ((fromDays is null) != (toDays is null)))
        {
            throw new ArgumentException("Per-code columns must match the keys.");
        }

        _keys = keys;
        _flags = flags;
        _fromDays = fromDays;
        _toDays = toDays;
        _prefixChars = keys.Length >= ThreeCharThreshold ? 3 : keys.Length >= TwoCharThreshold ? 2 : 0;
        if (_prefixChars > 0)
        {
            // Keys are sorted and the bucket number is monotonic in the key, so each bucket is a contiguous range.
            var buckets = _prefixChars == 3 ? Radix * Radix * Radix : Radix * Radix;
            _bucketStarts = new int[buckets + 1];
            var k = 0;
            for (var b = 0; b <= buckets; b++)
            {
                while (k < keys.Length && Bucket(keys[k]) < b)
                {
                    k++;
                }

                _bucketStarts[b] = k;
            }
        }
    }

    public int Count => _keys.Length;

    public bool HasFlags => _flags is not null;

    public bool HasDates => _fromDays is not null;

    internal ReadOnlySpan<ulong> Keys => _keys;

    internal ReadOnlySpan<byte> Flags => _flags;

    internal ReadOnlySpan<int> FromDays => _fromDays;

    internal ReadOnlySpan<int> ToDays => _toDays;

    /// <summary>The index of <paramref name="key"/>, or -1.</summary>
    public int IndexOf(ulong key)
    {
        int lo, hi;
        if (_bucketStarts is { } starts)
        {
            var b = Bucket(key);
            lo = starts[b];
            hi = starts[b + 1] - 1;
        }
        else
        {
            lo = 0;
            hi = _keys.Length - 1;
        }

        var keys = _keys;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var k = keys[mid];
            if (k == key)
            {
                return mid;
            }

            if (k < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private int Bucket(ulong key)
    {
        var c1 = (int)(key >> 54);
        var c2 = (int)(key >> 48) & 0x3F;
        if (_prefixChars == 2)
        {
            return (c1 * Radix) + c2;
        }

        var c3 = (int)(key >> 42) & 0x3F;
        return (((c1 * Radix) + c2) * Radix) + c3;
    }

    public byte FlagsAt(int index) => _flags is null ? (byte)0 : _flags[index];

    /// <summary>True when the code at <paramref name="index"/> is effective on <paramref name="day"/> (always, without dates).</summary>
    public bool IsEffective(int index, int day) =>
        _fromDays is null || (day >= _fromDays[index] && day <= _toDays![index]);
}
