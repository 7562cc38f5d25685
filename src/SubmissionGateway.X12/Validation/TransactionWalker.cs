using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>
/// Places each segment of one transaction set in its guide's loop tree: finds the segment or loop it starts,
/// counts uses and repeats, and reports what is unexpected, repeated too often or missing (SNIP 1–2).
/// One walker serves many transaction sets of the same guide; per-loop counters live in arrays, not per segment.
/// </summary>
internal sealed class TransactionWalker
{
    private readonly ImplementationGuide _guide;
    private readonly int[][] _counts;
    private readonly int[] _childIndex;
    private readonly LoopDefinition[] _stack;
    private int _depth;
    private FindingSink _sink = null!;

    public TransactionWalker(ImplementationGuide guide)
    {
        _guide = guide;
        _counts = new int[guide.Loops.Length][];
        _childIndex = new int[guide.Loops.Length];
        _stack = new LoopDefinition[64];
        Allocate(guide.Transaction);
    }

    public ImplementationGuide Guide => _guide;

    /// <summary>The innermost loop the last accepted segment belongs to.</summary>
    public LoopDefinition CurrentLoop => _stack[_depth - 1];

    /// <summary>Starts a transaction set at its ST segment.</summary>
    public void Begin(FindingSink sink)
    {
        _sink = sink;
        _depth = 0;
        Push(_guide.Transaction);
    }

    /// <summary>Places a segment; returns its definition, or null when it has no place here.</summary>
    public SegmentDefinition? Accept(in X12Segment segment, int key, in FindingContext context)
    {
        // Strict: id and qualifier; then lenient: id only, in the current loop, reported as a bad qualifier.
        var bit = LoopDefinition.KeyBit(key);
        for (var depth = _depth - 1; depth >= 0; depth--)
        {
            var loop = _stack[depth];
            if ((loop.KeyFilter & bit) == 0)
            {
                continue;
            }

            var counts = _counts[loop.Ordinal];
            var children = loop.ChildArray;
            var keys = loop.ChildKeys;
            for (var i = Math.Max(_childIndex[loop.Ordinal], 1); i < children.Length; i++)
            {
                if (keys[i] != key)
                {
                    continue;
                }

                var child = children[i];
                if (child is SegmentDefinition definition)
                {
                    if (definition.Matches(segment, key))
                    {
                        CloseAbove(depth, context);
                        ReportMissingBetween(loop, _childIndex[loop.Ordinal], i, context);
                        _childIndex[loop.Ordinal] = i;
                        if (++counts[i] > definition.MaxOccurs)
                        {
                            _sink.Segment(context with { LoopId = loop.Id }, SnipLevel.Syntax, "5",
                                $"{definition.Name} ({definition.Id}) appears more than the {definition.MaxOccurs} time(s) allowed in loop {loop.Id}.");
                        }
                        else if (definition.Usage == Usage.NotUsed)
                        {
                            _sink.Segment(context with { LoopId = loop.Id }, SnipLevel.Implementation, "I4",
                                $"{definition.Name} ({definition.Id}) is not used in this implementation guide.");
                        }

                        return definition;
                    }
                }
                else if (child is LoopDefinition nested && nested.Trigger.Matches(segment, key))
                {
                    CloseAbove(depth, context);
                    ReportMissingBetween(loop, _childIndex[loop.Ordinal], i, context);
                    _childIndex[loop.Ordinal] = i;
                    if (++counts[i] > nested.MaxOccurs)
                    {
                        _sink.Segment(context with { LoopId = nested.Id }, SnipLevel.Syntax, "4",
                            $"Loop {nested.Id} ({nested.Name}) repeats more than the {nested.MaxOccurs} time(s) allowed.");
                    }

                    Push(nested);
                    return nested.Trigger;
                }
            }
        }

        return AcceptWithWrongQualifier(segment, key, context);
    }

    /// <summary>Closes every open loop at SE (or when SE is missing), reporting what they still lacked.</summary>
    public void End(in FindingContext context)
    {
        CloseAbove(-1, context);
    }

    private SegmentDefinition? AcceptWithWrongQualifier(in X12Segment segment, int key, in FindingContext context)
    {
        var loop = _stack[_depth - 1];
        for (var depth = _depth - 1; depth >= 0; depth--)
        {
            var candidateLoop = _stack[depth];
            var children = candidateLoop.ChildArray;
            for (var i = Math.Max(_childIndex[candidateLoop.Ordinal], 1); i < children.Length; i++)
            {
                if (children[i] is SegmentDefinition definition && definition.Key == key && definition.QualifierCodes is not null)
                {
                    // Same segment, unknown qualifier: place it here so its other elements are still checked and nothing
                    // after it is reported missing; the element check names the qualifier that is not a valid code.
                    CloseAbove(depth, context);
                    ReportMissingBetween(candidateLoop, _childIndex[candidateLoop.Ordinal], i, context);
                    _childIndex[candidateLoop.Ordinal] = i;
                    _counts[candidateLoop.Ordinal][i]++;
                    return definition;
                }
            }
        }

        var known = _guide.UsesSegment(key);
        var id = context.SegmentId;
        if (!IsValidSegmentId(segment.Id))
        {
            _sink.Segment(context with { LoopId = loop.Id }, SnipLevel.Syntax, "1",
                $"'{id}' is not a segment identifier: the file may be truncated or use the wrong delimiters.");
        }
        else if (known)
        {
            _sink.Segment(context with { LoopId = loop.Id }, SnipLevel.Syntax, "2",
                $"Segment {id} is not expected here (after loop {loop.Id}, {loop.Name}): it is out of order or in the wrong loop.");
        }
        else
        {
            _sink.Segment(context with { LoopId = loop.Id }, SnipLevel.Implementation, "6",
                $"Segment {id} is not part of the {_guide.TransactionSet} transaction ({_guide.Id}).");
        }

        return null;
    }

    private void Allocate(LoopDefinition loop)
    {
        _counts[loop.Ordinal] = new int[loop.Children.Count];
        foreach (var child in loop.Children)
        {
            if (child is LoopDefinition nested)
            {
                Allocate(nested);
            }
        }
    }

    private void Push(LoopDefinition loop)
    {
        var counts = _counts[loop.Ordinal];
        Array.Clear(counts);
        counts[0] = 1;
        _childIndex[loop.Ordinal] = 0;
        if (_depth == _stack.Length)
        {
            throw new InvalidOperationException("Guide nesting deeper than supported.");
        }

        _stack[_depth++] = loop;
    }

    private void CloseAbove(int depth, in FindingContext context)
    {
        while (_depth - 1 > depth)
        {
            var loop = _stack[_depth - 1];
            ReportMissingBetween(loop, _childIndex[loop.Ordinal], loop.Children.Count, context);
            _depth--;
        }
    }

    private void ReportMissingBetween(LoopDefinition loop, int from, int to, in FindingContext context)
    {
        var counts = _counts[loop.Ordinal];
        foreach (var j in loop.RequiredChildren)
        {
            if (j >= to)
            {
                break;
            }

            if (j < from || counts[j] != 0)
            {
                continue;
            }

            var child = loop.ChildArray[j];
            if (child is SegmentDefinition segment)
            {
                _sink.Segment(context with { SegmentIdText = segment.Id, LoopId = loop.Id }, SnipLevel.Implementation, "3",
                    $"Required segment {segment.Id} ({segment.Name}) is missing from loop {loop.Id} ({loop.Name}).");
            }
            else if (child is LoopDefinition nested)
            {
                _sink.Segment(context with { SegmentIdText = nested.Trigger.Id, LoopId = nested.Id }, SnipLevel.Implementation, "3",
                    $"Required loop {nested.Id} ({nested.Name}) is missing from loop {loop.Id} ({loop.Name}).");
            }
        }
    }

    private static bool IsValidSegmentId(ReadOnlySpan<byte> id)
    {
        if (id.Length is < 2 or > 3 || !char.IsAsciiLetterUpper((char)id[0]))
        {
            return false;
        }

        foreach (var b in id)
        {
            if (!char.IsAsciiLetterUpper((char)b) && !char.IsAsciiDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
