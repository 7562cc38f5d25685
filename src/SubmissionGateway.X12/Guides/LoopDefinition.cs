namespace SubmissionGateway.X12.Guides;

/// <summary>A loop: a trigger segment followed by segments and nested loops.</summary>
public sealed class LoopDefinition : GuideNode
{
    internal LoopDefinition(string id, string name, Usage usage, int maxOccurs, IReadOnlyList<GuideNode> children)
        : base(id, name, usage, maxOccurs)
    {
        ChildArray = [.. children];
        Children = ChildArray;
        ChildKeys = [.. ChildArray.Select(c => c is SegmentDefinition segment ? segment.Key : ((LoopDefinition)c).Trigger.Key)];
        for (var i = 0; i < children.Count; i++)
        {
            children[i].Parent = this;
            children[i].Index = i;
        }

        Trigger = children.Count > 0 && children[0] is SegmentDefinition trigger
            ? trigger
            : throw new FormatException($"Loop {id} must start with a segment.");
    }

    public IReadOnlyList<GuideNode> Children { get; }

    internal GuideNode[] ChildArray { get; }

    /// <summary>For each child, the segment id key it starts with (its own, or its trigger's): a scan compares ints
    /// and looks at qualifiers only where the id matches.</summary>
    internal int[] ChildKeys { get; }

    /// <summary>Ordinal of the loop within its guide, for per-loop state kept in arrays.</summary>
    internal int Ordinal { get; set; }

    /// <summary>True for the claim loop (2300) and every loop inside it.</summary>
    public bool IsClaimScope { get; internal set; }

    /// <summary>The segment that starts each repetition of the loop.</summary>
    public SegmentDefinition Trigger { get; }

    /// <summary>The loop id to report: the loop itself, or "HEADER" style ids for the root.</summary>
    public override string ToString() => $"{Id} {Name}";
}
