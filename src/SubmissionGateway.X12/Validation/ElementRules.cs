using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>Checks a placed segment's elements against its definition: presence, type, length, codes,
/// patterns, repetitions, components and the X12 syntax notes. Allocates only when it reports.</summary>
internal static class ElementRules
{
    private static readonly int Dtp = SegmentKey.Of("DTP");
    private static readonly int Dmg = SegmentKey.Of("DMG");

    public static void Check(in X12Segment segment, SegmentDefinition definition, in FindingContext context, FindingSink sink)
    {
        var elements = definition.ElementArray;
        var count = segment.ElementCount;
        if (count > elements.Length)
        {
            sink.Element(context, SnipLevel.Syntax, elements.Length + 1, 0, 0, null, null, "3", null,
                $"{definition.Name} ({definition.Id}) has {count} elements; the guide defines {elements.Length}.");
        }

        var limit = Math.Min(count, elements.Length);
        var end = Math.Max(limit, definition.LastRequiredPosition);
        for (var i = 0; i < end; i++)
        {
            var element = elements[i];
            var value = i < limit ? segment[i + 1] : default;
            if (value.IsEmpty)
            {
                // A binary payload never sits in the segment view: the reader streams it and the validator checks its length.
                if (element.Usage == Usage.Required && element.Type != X12DataType.Binary)
                {
                    sink.Element(context, SnipLevel.Implementation, i + 1, 0, 0, element.DataElement, element.Reference, "1", null,
                        $"{element.Name} ({element.Reference}) is required in {definition.Name} ({definition.Id}) but is missing.");
                }

                continue;
            }

            if (element.Usage == Usage.NotUsed)
            {
                sink.Element(context, SnipLevel.Implementation, i + 1, 0, 0, element.DataElement, element.Reference, "I10", X12Text.ToText(value),
                    $"{element.Name} ({element.Reference}) is not used in this implementation guide and must be left empty.");
                continue;
            }

            var delimiters = segment.Delimiters;
            if (element.MaxRepeat > 1)
            {
                var repetitions = X12Text.CountParts(value, delimiters.Repetition);
                if (repetitions > element.MaxRepeat)
                {
                    sink.Element(context, SnipLevel.Syntax, i + 1, 0, 0, element.DataElement, element.Reference, "12", null,
                        $"{element.Name} ({element.Reference}) repeats {repetitions} times; at most {element.MaxRepeat} are allowed.");
                }

                var rest = value;
                for (var r = 1; r <= repetitions; r++)
                {
                    var at = rest.IndexOf(delimiters.Repetition);
                    var part = at < 0 ? rest : rest[..at];
                    rest = at < 0 ? default : rest[(at + 1)..];
                    CheckValue(part, element, i + 1, r, delimiters, context, sink);
                }
            }
            else
            {
                CheckValue(value, element, i + 1, 0, delimiters, context, sink);
            }
        }

        foreach (var rule in definition.SyntaxRuleArray)
        {
            CheckSyntaxRule(segment, rule, definition, context, sink);
        }

        CheckQualifiedDate(segment, definition, context, sink);
    }

    /// <summary>DTP and DMG carry their date as text whose format a qualifier names (D8, RD8): check it is a real date.</summary>
    private static void CheckQualifiedDate(in X12Segment segment, SegmentDefinition definition, in FindingContext context, FindingSink sink)
    {
        int formatPosition;
        if (definition.Key == Dtp)
        {
            formatPosition = 2;
        }
        else if (definition.Key == Dmg)
        {
            formatPosition = 1;
        }
        else
        {
            return;
        }

        var format = segment[formatPosition];
        var value = segment[formatPosition + 1];
        if (value.IsEmpty)
        {
            return;
        }

        var valid = X12Text.Is(format, "D8") ? value.Length == 8 && X12Text.TryParseDate(value, out _)
            : !X12Text.Is(format, "RD8") || (value.Length == 17 && value[8] == '-' && X12Text.TryParseDate(value[..8], out var from) &&
                X12Text.TryParseDate(value[9..], out var to) && from <= to);
        if (!valid)
        {
            var element = formatPosition < definition.Elements.Count ? definition.Elements[formatPosition] : null;
            sink.Element(context, SnipLevel.Syntax, formatPosition + 1, 0, 0, element?.DataElement, element?.Reference, "8", X12Text.ToText(value),
                $"{element?.Name ?? "Date"} ({element?.Reference ?? definition.Id}) '{X12Text.ToText(value)}' is not a valid {X12Text.ToText(format)} date{(X12Text.Is(format, "RD8") ? " range (CCYYMMDD-CCYYMMDD, from ≤ to)" : " (CCYYMMDD)")}.");
        }
    }

    private static void CheckValue(ReadOnlySpan<byte> value, ElementDefinition element, int position, int repetition, X12Delimiters delimiters,
        in FindingContext context, FindingSink sink)
    {
        if (!element.IsComposite)
        {
            CheckSimple(value, element, position, 0, repetition, delimiters, context, sink);
            return;
        }

        var components = element.ComponentArray;
        var parts = X12Text.CountParts(value, delimiters.Component);
        if (parts > components.Length)
        {
            sink.Element(context, SnipLevel.Syntax, position, components.Length + 1, repetition, element.CompositeId, element.Reference, "13", null,
                $"{element.Name} ({element.Reference}) has {parts} components; the guide defines {components.Length}.");
        }

        var rest = value;
        for (var c = 0; c < components.Length; c++)
        {
            ReadOnlySpan<byte> part = default;
            if (!rest.IsEmpty || c == 0)
            {
                var at = rest.IndexOf(delimiters.Component);
                part = at < 0 ? rest : rest[..at];
                rest = at < 0 ? default : rest[(at + 1)..];
            }

            var component = components[c];
            if (part.IsEmpty)
            {
                if (component.Usage == Usage.Required)
                {
                    sink.Element(context, SnipLevel.Implementation, position, c + 1, repetition, component.DataElement, component.Reference, "1", null,
                        $"{component.Name} ({component.Reference}) is required in {element.Name} but is missing.");
                }

                continue;
            }

            if (component.Usage == Usage.NotUsed)
            {
                sink.Element(context, SnipLevel.Implementation, position, c + 1, repetition, component.DataElement, component.Reference, "I10",
                    X12Text.ToText(part), $"{component.Name} ({component.Reference}) is not used in this implementation guide and must be left empty.");
                continue;
            }

            CheckSimple(part, component, position, c + 1, repetition, delimiters, context, sink);
        }

    }

    private static void CheckSimple(ReadOnlySpan<byte> value, ElementDefinition element, int position, int component, int repetition,
        X12Delimiters delimiters, in FindingContext context, FindingSink sink)
    {
        int length;
        switch (element.Type)
        {
            case X12DataType.Binary:
                return;
            case X12DataType.Numeric:
                if (!IsNumeric(value, allowPoint: false, out length))
                {
                    Report(sink, context, SnipLevel.Syntax, element, position, component, repetition, "6", value,
                        $"{element.Name} ({element.Reference}) must be a whole number (digits only), not '{X12Text.ToText(value)}'.");
                    return;
                }

                break;
            case X12DataType.Decimal:
                if (!IsNumeric(value, allowPoint: true, out length))
                {
                    Report(sink, context, SnipLevel.Syntax, element, position, component, repetition, "6", value,
                        $"{element.Name} ({element.Reference}) must be a number such as 125.50, not '{X12Text.ToText(value)}'.");
                    return;
                }

                break;
            case X12DataType.Date:
                if ((value.Length != 8 || !X12Text.TryParseDate(value, out _)) && !(value.Length == 6 && IsShortDate(value)))
                {
                    Report(sink, context, SnipLevel.Syntax, element, position, component, repetition, "8", value,
                        $"{element.Name} ({element.Reference}) '{X12Text.ToText(value)}' is not a valid date (CCYYMMDD).");
                    return;
                }

                length = value.Length;
                break;
            case X12DataType.Time:
                if (!IsTime(value))
                {
                    Report(sink, context, SnipLevel.Syntax, element, position, component, repetition, "9", value,
                        $"{element.Name} ({element.Reference}) '{X12Text.ToText(value)}' is not a valid time (HHMM or HHMMSS).");
                    return;
                }

                length = value.Length;
                break;
            default:
                if (!IsText(value, delimiters, element.MaxRepeat > 1))
                {
                    Report(sink, context, SnipLevel.Syntax, element, position, component, repetition, "6", value,
                        $"{element.Name} ({element.Reference}) contains a character that is not allowed (a control character or a delimiter).");
                    return;
                }

                length = value.Length;
                break;
        }

        if (length < element.MinLength)
        {
            Report(sink, context, SnipLevel.Syntax, element, position, component, repetition, "4", value,
                $"{element.Name} ({element.Reference}) '{X12Text.ToText(value)}' is too short: at least {element.MinLength} characters.");
            return;
        }

        if (length > element.MaxLength)
        {
            Report(sink, context, SnipLevel.Syntax, element, position, component, repetition, "5", value,
                $"{element.Name} ({element.Reference}) is too long: {length} characters where at most {element.MaxLength} are allowed.");
            return;
        }

        if (element.Codes is { } codes && !codes.Contains(value))
        {
            Report(sink, context, SnipLevel.Implementation, element, position, component, repetition, "7", value,
                $"'{X12Text.ToText(value)}' is not a valid {element.Name} ({element.Reference}); allowed: {codes}.");
            return;
        }

        if (element.Pattern is { } pattern)
        {
            Span<char> chars = stackalloc char[Math.Min(value.Length, 256)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)value[i];
            }

            if (!pattern.IsMatch(chars))
            {
                Report(sink, context, SnipLevel.Implementation, element, position, component, repetition, "I12", value,
                    $"{element.Name} ({element.Reference}) '{X12Text.ToText(value)}' does not have the required form ({pattern.ToString()[4..^2]}).");
            }
        }
    }

    private static void Report(FindingSink sink, in FindingContext context, SnipLevel snip, ElementDefinition element, int position, int component,
        int repetition, string code, ReadOnlySpan<byte> value, string message) =>
        sink.Element(context, snip, position, component, repetition, element.DataElement, element.Reference, code, X12Text.ToText(value), message);

    private static void CheckSyntaxRule(in X12Segment segment, SyntaxRule rule, SegmentDefinition definition, in FindingContext context, FindingSink sink)
    {
        var positions = rule.PositionArray;
        var present = 0;
        var firstPresent = !segment[positions[0]].IsEmpty;
        foreach (var p in positions)
        {
            if (!segment[p].IsEmpty)
            {
                present++;
            }
        }

        switch (rule.Kind)
        {
            case SyntaxRuleKind.Paired when present > 0 && present < positions.Length:
                ReportMissing(segment, rule, definition, context, sink, 0,
                    $"must be sent together with the other elements of {rule.Notation} ({Names(rule, definition)}).");
                break;
            case SyntaxRuleKind.RequiredOneOf when present == 0:
                ReportAt(positions[0], definition, context, sink, "2",
                    $"At least one of {Names(rule, definition)} is required in {definition.Name} ({definition.Id}).");
                break;
            case SyntaxRuleKind.Exclusion when present > 1:
                ReportAt(positions[1], definition, context, sink, "10",
                    $"Only one of {Names(rule, definition)} may be sent in {definition.Name} ({definition.Id}).");
                break;
            case SyntaxRuleKind.Conditional when firstPresent && present < positions.Length:
                ReportMissing(segment, rule, definition, context, sink, 1,
                    $"is required because {Name(positions[0], definition)} is present ({rule.Notation}).");
                break;
            case SyntaxRuleKind.ListConditional when firstPresent && present == 1:
                ReportAt(positions[1], definition, context, sink, "2",
                    $"Because {Name(positions[0], definition)} is present, one of {Names(rule, definition, 1)} is required ({rule.Notation}).");
                break;
        }
    }

    private static void ReportMissing(in X12Segment segment, SyntaxRule rule, SegmentDefinition definition, in FindingContext context,
        FindingSink sink, int from, string reason)
    {
        for (var i = from; i < rule.Positions.Count; i++)
        {
            var p = rule.Positions[i];
            if (segment[p].IsEmpty)
            {
                ReportAt(p, definition, context, sink, "2", $"{Name(p, definition)} {reason}");
            }
        }
    }

    private static void ReportAt(int position, SegmentDefinition definition, in FindingContext context, FindingSink sink, string code, string message)
    {
        var element = position <= definition.Elements.Count ? definition.Elements[position - 1] : null;
        sink.Element(context, SnipLevel.Syntax, position, 0, 0, element?.DataElement ?? element?.CompositeId, element?.Reference, code, null, message);
    }

    private static string Name(int position, SegmentDefinition definition) =>
        position <= definition.Elements.Count
            ? $"{definition.Elements[position - 1].Name} ({definition.Elements[position - 1].Reference})"
            : $"{definition.Id}{position:00}";

    private static string Names(SyntaxRule rule, SegmentDefinition definition, int from = 0) =>
        string.Join(", ", rule.Positions.Skip(from).Select(p => p <= definition.Elements.Count ? definition.Elements[p - 1].Reference : $"{definition.Id}{p:00}"));

    private static bool IsNumeric(ReadOnlySpan<byte> value, bool allowPoint, out int digits)
    {
        digits = 0;
        var i = 0;
        if (value.Length > 0 && value[0] == '-')
        {
            i = 1;
        }

        var points = 0;
        for (; i < value.Length; i++)
        {
            var b = value[i];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                digits++;
            }
            else if (b == '.' && allowPoint && points == 0)
            {
                points++;
            }
            else
            {
                return false;
            }
        }

        return digits > 0;
    }

    private static bool IsShortDate(ReadOnlySpan<byte> value)
    {
        Span<byte> full = stackalloc byte[8];
        full[0] = (byte)'2';
        full[1] = (byte)'0';
        value.CopyTo(full[2..]);
        return X12Text.TryParseDate(full, out _);
    }

    private static bool IsTime(ReadOnlySpan<byte> value)
    {
        if (value.Length is not (4 or 6 or 7 or 8))
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        var hours = ((value[0] - '0') * 10) + (value[1] - '0');
        var minutes = ((value[2] - '0') * 10) + (value[3] - '0');
        var seconds = value.Length >= 6 ? ((value[4] - '0') * 10) + (value[5] - '0') : 0;
        return hours < 24 && minutes < 60 && seconds < 60;
    }

    private static bool IsText(ReadOnlySpan<byte> value, X12Delimiters delimiters, bool repeats)
    {
        foreach (var b in value)
        {
            if (b < 0x20 || b == 0x7F || b == delimiters.Component || (!repeats && b == delimiters.Repetition && delimiters.Repetition != 'U'))
            {
                return false;
            }
        }

        return true;
    }
}
