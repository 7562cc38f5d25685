using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>
/// SNIP 3 checks of the HL hierarchy: ids count up from 1, each parent exists and came earlier, a level's parent
/// is of the level the guide nests it in, and HL04 says truly whether children follow.
/// </summary>
internal sealed class HierarchyCheck
{
    private readonly Dictionary<long, int> _levels = [];
    private long _lastId;
    private bool _lastSaidChildren;
    private long _lastPosition;
    private FindingSink _sink = null!;

    public void Begin(FindingSink sink)
    {
        _sink = sink;
        _levels.Clear();
        _lastId = 0;
        _lastSaidChildren = false;
    }

    public void OnLevel(in X12Segment hl, in FindingContext context, int? expectedParentLevel)
    {
        var hasId = X12Text.TryParseDigits(hl[1], out var id);
        var level = SegmentKey.Of(hl[3].Length is 2 or 3 ? hl[3] : "00"u8);
        if (!hasId || id != _lastId + 1)
        {
            Report(context, 1, "628", X12Text.ToText(hl[1]), $"Hierarchical id (HL01) '{X12Text.ToText(hl[1])}' should be {_lastId + 1}: HL ids count up from 1.");
        }

        var parentText = hl[2];
        var hasParent = X12Text.TryParseDigits(parentText, out var parent);
        if (!parentText.IsEmpty && (!hasParent || !_levels.ContainsKey(parent)))
        {
            Report(context, 2, "734", X12Text.ToText(parentText), $"Parent id (HL02) '{X12Text.ToText(parentText)}' does not name an earlier HL.");
        }
        else if (expectedParentLevel is { } wanted)
        {
            if (!hasParent || _levels[parent] != wanted)
            {
                Report(context, 2, "734", X12Text.ToText(parentText),
                    $"An HL of level {X12Text.ToText(hl[3])} must sit under a level {SegmentKey.ToId(wanted)} HL (HL02).");
            }
        }

        if (_lastId > 0)
        {
            var isChildOfLast = hasParent && parent == _lastId;
            if (_lastSaidChildren != isChildOfLast)
            {
                Report(context with { SegmentPosition = (int)_lastPosition }, 4, "736", _lastSaidChildren ? "1" : "0",
                    _lastSaidChildren
                        ? $"HL {_lastId} says it has children (HL04 = 1), but the next HL is not its child."
                        : $"HL {_lastId} says it has no children (HL04 = 0), but HL {id} names it as parent.");
            }
        }

        if (hasId)
        {
            _levels[id] = level;
            _lastId = id;
        }

        _lastSaidChildren = X12Text.Is(hl[4], "1");
        _lastPosition = context.SegmentPosition;
    }

    public void End(in FindingContext context)
    {
        if (_lastId > 0 && _lastSaidChildren)
        {
            Report(context with { SegmentIdText = "HL", SegmentPosition = (int)_lastPosition }, 4, "736", "1",
                $"HL {_lastId} says it has children (HL04 = 1), but no HL follows it.");
        }
    }

    private void Report(in FindingContext context, int element, string dataElement, string value, string message) =>
        _sink.Element(context with { SegmentIdText = "HL" }, SnipLevel.Balancing, element, 0, 0, dataElement, $"HL{element:00}", "7", value, message);
}
