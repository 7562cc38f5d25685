namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// A compact, immutable code lookup: sorted packed keys (<see cref="CodeKey"/>) with optional per-code flags and
/// validity dates in parallel arrays (the form stored on disk), plus, for tables of 256 codes and more, an
/// open-addressing hash index built at load (keys beside their row numbers, load factor at most 3/4, linear
/// probing: a hit or a miss costs about one cache line). Small tables use a binary search. A lookup allocates nothing.
/// </summary>
internal sealed class CodeTable
{
    /// <summary>Flag: an ICD-10-CM code valid for HIPAA transactions (billable); absent on a category header.</summary>
    public const byte Billable = 1;

    /// <summary>Below this size (the built-in lists) eight or fewer binary-search steps are cheap enough to skip the index.</summary>
    private const int HashThreshold = 256;

    /// <summary>Fibonacci hashing: multiply by 2^64/φ and keep the top bits.</summary>
    private const ulong GoldenRatio = 0x9E3779B97F4A7C15;

    private readonly ulong[] _keys;
    private readonly byte[]? _flags;
    private readonly int[]? _fromDays;
    private readonly int[]? _toDays;
    private readonly ulong[]? _slotKeys;
    private readonly int[]? _slotRows;
    private readonly int _slotShift;

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

        if (keys.Length > 0 && keys[0] == 0)
        {
            throw new ArgumentException("A packed code key is never 0.", nameof(keys));
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
        if (keys.Length >= HashThreshold)
        {
            var bits = 1;
            while ((1L << bits) * 3 < keys.Length * 4L)
            {
                bits++;
            }

            // Packed keys are never 0 (a code has at least one character), so 0 marks an empty slot.
            _slotKeys = new ulong[1 << bits];
            _slotRows = new int[1 << bits];
            _slotShift = 64 - bits;
            var mask = (1 << bits) - 1;
            for (var row = 0; row < keys.Length; row++)
            {
                var slot = Slot(keys[row]);
                while (_slotKeys[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _slotKeys[slot] = keys[row];
                _slotRows[slot] = row;
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

    /// <summary>The row of <paramref name="key"/> in the sorted keys, or -1.</summary>
    public int IndexOf(ulong key)
    {
        if (_slotKeys is { } slotKeys)
        {
            var mask = slotKeys.Length - 1;
            for (var slot = Slot(key); ; slot = (slot + 1) & mask)
            {
                var k = slotKeys[slot];
                if (k == key)
                {
                    return _slotRows![slot];
                }

                if (k == 0)
                {
                    return -1;
                }
            }
        }

        var keys = _keys;
        int lo = 0, hi = keys.Length - 1;
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

    private int Slot(ulong key) => (int)((key * GoldenRatio) >> _slotShift);

    public byte FlagsAt(int index) => _flags is null ? (byte)0 : _flags[index];

    /// <summary>True when the code at <paramref name="index"/> is effective on <paramref name="day"/> (always, without dates).</summary>
    public bool IsEffective(int index, int day) =>
        _fromDays is null || (day >= _fromDays[index] && day <= _toDays![index]);
}
