using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Guides;

/// <summary>A segment at one place in a guide, with its elements and syntax notes.</summary>
public sealed class SegmentDefinition : GuideNode
{
    internal SegmentDefinition(string id, string name, Usage usage, int maxOccurs, IReadOnlyList<ElementDefinition> elements,
        IReadOnlyList<SyntaxRule> syntaxRules)
        : base(id, name, usage, maxOccurs)
    {
        Key = SegmentKey.Of(id);
        ElementArray = [.. elements];
        SyntaxRuleArray = [.. syntaxRules];
        Elements = ElementArray;
        LastRequiredPosition = Array.FindLastIndex(ElementArray, e => e.Usage == Usage.Required) + 1;
        SyntaxRules = SyntaxRuleArray;
        (QualifierPosition, QualifierComponent, QualifierCodes) = FindQualifier(id, elements);
    }

    /// <summary>The segment id packed as by <see cref="SegmentKey"/>.</summary>
    public int Key { get; }

    public IReadOnlyList<ElementDefinition> Elements { get; }

    /// <summary>The elements as an array, for loops on the hot path (no interface dispatch, no enumerator).</summary>
    internal ElementDefinition[] ElementArray { get; }

    internal SyntaxRule[] SyntaxRuleArray { get; }

    /// <summary>Position of the last required element: past it and past the last element sent, nothing needs checking.</summary>
    internal int LastRequiredPosition { get; }

    public IReadOnlyList<SyntaxRule> SyntaxRules { get; }

    /// <summary>Position of the element whose code tells this segment from others with the same id; 0 if none.</summary>
    public int QualifierPosition { get; }

    /// <summary>Component of the qualifier when it sits in a composite (1-based); 0 for a simple element.</summary>
    public int QualifierComponent { get; }

    public CodeList? QualifierCodes { get; }

    /// <summary>The loop this segment belongs to.</summary>
    public LoopDefinition Loop => Parent!;

    /// <summary>True when the segment has this id and, where the guide qualifies it, one of its qualifier codes.</summary>
    public bool Matches(in X12Segment segment, int key)
    {
        if (key != Key)
        {
            return false;
        }

        if (QualifierCodes is null)
        {
            return true;
        }

        var value = QualifierComponent == 0
            ? segment[QualifierPosition]
            : segment.GetComponent(QualifierPosition, QualifierComponent);
        return QualifierCodes.Contains(value);
    }

    public override string ToString() => $"{Id} {Name}";

    private static (int Position, int Component, CodeList? Codes) FindQualifier(string id, IReadOnlyList<ElementDefinition> elements)
    {
        // The qualifier is the first element (or its first component) when it is a required code; HL is told apart by HL03.
        if (elements.Count == 0)
        {
            return (0, 0, null);
        }

        if (id == "HL" && elements.Count >= 3 && elements[2] is { Usage: Usage.Required, Codes.Count: > 0 } level)
        {
            return (3, 0, level.Codes);
        }

        var first = elements[0];
        if (first.IsComposite)
        {
            return first.Components.Count > 0 && first.Components[0] is { Codes.Count: > 0 } component
                ? (1, 1, component.Codes)
                : (0, 0, null);
        }

        return first is { Usage: Usage.Required, Codes.Count: > 0 } ? (1, 0, first.Codes) : (0, 0, null);
    }
}
