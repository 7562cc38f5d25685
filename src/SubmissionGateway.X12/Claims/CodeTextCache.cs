namespace SubmissionGateway.X12.Claims;

/// <summary>
/// Short values (codes, qualifiers, amounts' units) repeat across thousands of claims: one string per distinct
/// value instead of one per occurrence. Bounded, so a hostile file of distinct values cannot grow it without end.
/// </summary>
internal sealed class CodeTextCache
{
    private const int Capacity = 16_384;
    private readonly Dictionary<ulong, string> _strings = new(1024);

    public string Get(ReadOnlySpan<byte> value)
    {
        if (value.Length is 0 or > 8)
        {
            return value.IsEmpty ? string.Empty : Reading.X12Text.ToText(value);
        }

        // Little-endian packing, first byte lowest. The length goes in too, so "A" and "A\0" (impossible in X12, but
        // cheap to rule out) never collide.
        ulong packed = 0;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            packed = (packed << 8) | value[i];
        }

        var key = packed ^ ((ulong)value.Length << 59);
        if (_strings.TryGetValue(key, out var text))
        {
            return text;
        }

        text = Reading.X12Text.ToText(value);
        if (_strings.Count < Capacity)
        {
            _strings[key] = text;
        }

        return text;
    }

    public string? GetOrNull(ReadOnlySpan<byte> value) => value.IsEmpty ? null : Get(value);
}
