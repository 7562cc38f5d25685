namespace SubmissionGateway.X12.CodeSets;

/// <summary>Collects codes read from a source file and builds a sorted <see cref="CodeTable"/>.</summary>
internal sealed class CodeTableBuilder(bool withFlags, bool withDates)
{
    private readonly List<(ulong Key, byte Flags, int From, int To)> _rows = [];
    private readonly HashSet<ulong> _seen = [];

    public int Count => _rows.Count;

    /// <summary>Adds a code; false when it is not a well-formed code or was already added.</summary>
    public bool TryAdd(ReadOnlySpan<char> code, byte flags = 0, DateOnly? from = null, DateOnly? to = null)
    {
        if (!CodeKey.TryPack(code, out var key) || !_seen.Add(key))
        {
            return false;
        }

        _rows.Add((key, flags, from?.DayNumber ?? int.MinValue, to?.DayNumber ?? int.MaxValue));
        return true;
    }

    public CodeTable Build()
    {
        _rows.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        var keys = new ulong[_rows.Count];
        var flags = withFlags ? new byte[_rows.Count] : null;
        var from = withDates ? new int[_rows.Count] : null;
        var to = withDates ? new int[_rows.Count] : null;
        for (var i = 0; i < _rows.Count; i++)
        {
            keys[i] = _rows[i].Key;
            if (flags is not null)
            {
                flags[i] = _rows[i].Flags;
            }

            if (from is not null)
            {
                from[i] = _rows[i].From;
                to![i] = _rows[i].To;
            }
        }

        return new CodeTable(keys, flags, from, to);
    }
}
