using System.Globalization;
using System.Text;
using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Edits;

/// <summary>
/// A SNIP 4 rule stated as data (schemas/x12/rules): when an element of a segment has, or lacks, one of some codes,
/// other elements of the same segment are required or must be absent.
/// </summary>
public sealed class SituationalRule
{
    internal SituationalRule(string id, IReadOnlyList<string> guides, string segment, int whenElement, CodeList? whenIn, CodeList? whenNotIn,
        int[] require, int[] forbid, string statusCode, string message, string source)
    {
        Id = id;
        Guides = guides;
        Segment = segment;
        SegmentKey = Reading.SegmentKey.Of(segment);
        WhenElement = whenElement;
        WhenIn = whenIn;
        WhenNotIn = whenNotIn;
        RequireArray = require;
        ForbidArray = forbid;
        StatusCode = statusCode;
        Message = message;
        Source = source;
    }

    public string Id { get; }

    public IReadOnlyList<string> Guides { get; }

    public string Segment { get; }

    internal int SegmentKey { get; }

    /// <summary>Position of the element the condition reads.</summary>
    public int WhenElement { get; }

    public CodeList? WhenIn { get; }

    public CodeList? WhenNotIn { get; }

    /// <summary>Positions that must be present when the condition holds.</summary>
    public IReadOnlyList<int> Require => RequireArray;

    internal int[] RequireArray { get; }

    /// <summary>Positions that must be absent when the condition holds.</summary>
    public IReadOnlyList<int> Forbid => ForbidArray;

    internal int[] ForbidArray { get; }

    /// <summary>277CA claim status code (STC01-2) for a claim this rule rejects.</summary>
    public string StatusCode { get; }

    /// <summary>The sentence for the biller; {n} is replaced by the value of element n.</summary>
    public string Message { get; }

    /// <summary>Where the rule comes from in the guide.</summary>
    public string Source { get; }

    /// <summary>True when the condition holds for this segment. An absent element never meets an "in" condition and
    /// always meets a "not in" one.</summary>
    public bool Applies(in X12Segment segment)
    {
        var value = segment[WhenElement];
        if (WhenIn is not null)
        {
            return !value.IsEmpty && WhenIn.Contains(value);
        }

        return WhenNotIn is null || !WhenNotIn.Contains(value);
    }

    /// <summary>The first position that breaks the rule (a required one missing, a forbidden one present), or 0.</summary>
    public int FirstViolation(in X12Segment segment, out bool missing)
    {
        foreach (var position in RequireArray)
        {
            if (segment[position].IsEmpty)
            {
                missing = true;
                return position;
            }
        }

        foreach (var position in ForbidArray)
        {
            if (!segment[position].IsEmpty)
            {
                missing = false;
                return position;
            }
        }

        missing = false;
        return 0;
    }

    /// <summary>The message with {n} replaced by the values of the segment's elements.</summary>
    public string Describe(in X12Segment segment)
    {
        var text = new StringBuilder(Message);
        for (var position = Math.Min(segment.ElementCount, 30); position >= 1; position--)
        {
            text.Replace("{" + position.ToString(CultureInfo.InvariantCulture) + "}", X12Text.ToText(segment[position]));
        }

        return text.ToString();
    }
}
