using System.Text;

namespace SubmissionGateway.X12.Reading;

/// <summary>A view of one segment in the reader's buffer: valid until the next <see cref="X12Reader.Read"/>.
/// Elements are addressed by their X12 position (1 = the first element after the segment id).</summary>
public readonly ref struct X12Segment
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly ReadOnlySpan<int> _starts;

    internal X12Segment(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> starts, X12Delimiters delimiters)
    {
        _bytes = bytes;
        _starts = starts;
        Delimiters = delimiters;
    }

    /// <summary>The delimiters of the interchange this segment belongs to.</summary>
    public X12Delimiters Delimiters { get; }

    /// <summary>Where each element starts in <see cref="Raw"/> (then one past the end + 1), for copying the segment whole.</summary>
    internal ReadOnlySpan<int> ElementStarts => _starts;

    /// <summary>The segment's bytes without its terminator.</summary>
    public ReadOnlySpan<byte> Raw => _bytes;

    /// <summary>The segment identifier (ISA, NM1, CLM…).</summary>
    public ReadOnlySpan<byte> Id => _starts.Length < 2 ? default : _bytes[.._Length(0)];

    /// <summary>The segment identifier packed into an integer, for switch-free comparisons.</summary>
    public int IdKey => SegmentKey.Of(Id);

    /// <summary>How many data elements follow the segment id, counting empty ones up to the last separator.</summary>
    public int ElementCount => Math.Max(0, _starts.Length - 2);

    /// <summary>The element at an X12 position (1-based); empty when the segment is shorter.</summary>
    public ReadOnlySpan<byte> this[int position]
    {
        get
        {
            if (position < 1 || position > ElementCount)
            {
                return default;
            }

            return _bytes.Slice(_starts[position], _Length(position));
        }
    }

    /// <summary>The byte offset of an element inside the segment (for error positions).</summary>
    public int OffsetOf(int position) => position >= 0 && position <= ElementCount ? _starts[position] : _bytes.Length;

    /// <summary>The element as a string (allocates: for the few fields a typed view keeps).</summary>
    public string GetString(int position) => Encoding.Latin1.GetString(this[position]);

    /// <summary>A component of a composite element (1-based), or the element itself for component 1 of a simple one.</summary>
    public ReadOnlySpan<byte> GetComponent(int position, int component) =>
        X12Text.Part(this[position], Delimiters.Component, component);

    /// <summary>The segment as text with its own delimiters, for messages and tests.</summary>
    public override string ToString() => Encoding.Latin1.GetString(_bytes);

    private int _Length(int index) => _starts[index + 1] - 1 - _starts[index];
}
