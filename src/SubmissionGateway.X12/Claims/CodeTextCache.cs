namespace SubmissionGateway.X12.Claims;

/// <summary>
/// Short values (codes, qualifiers, amounts' units) repeat across thousands of claims: one string per distinct
/// value instead of one per occurrence. Bounded, so a hostile file of distinct values cannot grow it without end.
/// </summary>
internal sealed class CodeTextCache
{
    private const int Capacity = 16_384;

    // Small at first: one is made per validation, and a small claim file has a few dozen distinct codes.
    private readonly Dictionary<(ulong Packed, int Length), string> _strings = new(64);

    public string Get(ReadOnlySpan<byte> value)
    {
        if (value.Length is 0 or > 8)
        {
            return value.IsEmpty ? string.Empty : Reading.X12Text.ToText(value);
        }

        // Little-endian packing, first byte lowest, beside the length: "A" and "A\0" differ, and so do a 7-byte value
        // and an 8-byte one whose last byte happens to match bits a length folded into the packing would set.
        ulong packed = 0;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            packed = (packed << 8) | value[i];
        }

        var key = (packed, value.Length);
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
