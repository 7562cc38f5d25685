using System.Text;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Writing;

/// <summary>
/// Writes X12 segments with the given delimiters. Values never carry a delimiter: one that does is written with
/// that character replaced by a space, so a copy of a bad value cannot break the acknowledgment that quotes it.
/// Empty trailing elements and components are dropped, as X12 requires.
/// </summary>
public sealed class X12Writer
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _elements = new(32);
    private string? _segmentId;

    public X12Writer(X12Delimiters delimiters, bool lineBreaks = false)
    {
        Delimiters = delimiters;
        LineBreaks = lineBreaks;
    }

    public X12Delimiters Delimiters { get; }

    /// <summary>Write a line break after each segment terminator (readable files; still valid X12).</summary>
    public bool LineBreaks { get; }

    /// <summary>Segments written since the last <see cref="ResetCount"/>: ST…SE counting for SE01.</summary>
    public int Count { get; private set; }

    public X12Writer Begin(string segmentId)
    {
        if (_segmentId is not null)
        {
            throw new InvalidOperationException($"Segment {_segmentId} was not ended.");
        }

        _segmentId = segmentId;
        _elements.Clear();
        return this;
    }

    public X12Writer Element(string? value)
    {
        _elements.Add(Clean(value));
        return this;
    }

    public X12Writer Element(long value) => Element(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public X12Writer Composite(params string?[] components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var last = components.Length - 1;
        while (last >= 0 && string.IsNullOrEmpty(components[last]))
        {
            last--;
        }

        var builder = new StringBuilder();
        for (var i = 0; i <= last; i++)
        {
            if (i > 0)
            {
                builder.Append((char)Delimiters.Component);
            }

            builder.Append(Clean(components[i]));
        }

        _elements.Add(builder.ToString());
        return this;
    }

    /// <summary>Writes a value as is: for ISA11 and ISA16, whose values are delimiters.</summary>
    public X12Writer Raw(string value)
    {
        _elements.Add(value);
        return this;
    }

    /// <summary>Writes a fixed-width element (ISA), padding with spaces.</summary>
    public X12Writer Fixed(string? value, int width) => Element((value ?? string.Empty).PadRight(width)[..width]);

    public X12Writer End()
    {
        var id = _segmentId ?? throw new InvalidOperationException("No segment was begun.");
        var count = _elements.Count;
        if (id != "ISA")
        {
            while (count > 0 && _elements[count - 1].Length == 0)
            {
                count--;
            }
        }

        _text.Append(id);
        for (var i = 0; i < count; i++)
        {
            _text.Append((char)Delimiters.Element).Append(_elements[i]);
        }

        _text.Append((char)Delimiters.Segment);
        if (LineBreaks)
        {
            _text.Append('\n');
        }

        _segmentId = null;
        Count++;
        return this;
    }

    /// <summary>Writes a whole segment of simple elements.</summary>
    public X12Writer Segment(string id, params string?[] elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        Begin(id);
        foreach (var element in elements)
        {
            Element(element);
        }

        return End();
    }

    public void ResetCount() => Count = 0;

    public byte[] ToArray() => Encoding.Latin1.GetBytes(_text.ToString());

    public override string ToString() => _text.ToString();

    private string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var d = Delimiters;
        if (value.AsSpan().IndexOfAny((char)d.Element, (char)d.Component, (char)d.Segment) < 0 && value.IndexOf((char)d.Repetition) < 0 &&
            !value.Any(char.IsControl))
        {
            return value;
        }

        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == d.Element || c == d.Component || c == d.Segment || c == d.Repetition || char.IsControl(c))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
