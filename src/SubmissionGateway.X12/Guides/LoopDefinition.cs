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

        RequiredChildren = [.. Enumerable.Range(0, ChildArray.Length).Where(i => ChildArray[i].Usage == Usage.Required)];
        for (var i = 1; i < ChildKeys.Length; i++)
        {
            KeyFilter |= KeyBit(ChildKeys[i]);
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

    /// <summary>Indexes of the required children, in order: what a closing loop checks for.</summary>
    internal int[] RequiredChildren { get; }

    /// <summary>One bit per child key (after the trigger): a segment whose bit is clear is no child of this loop, so the
    /// walker skips the loop without scanning it.</summary>
    internal ulong KeyFilter { get; }

    internal static ulong KeyBit(int key) => 1UL << (int)(((uint)key * 2654435761u) >> 26);

    /// <summary>Ordinal of the loop within its guide, for per-loop state kept in arrays.</summary>
    internal int Ordinal { get; set; }

    /// <summary>True for the claim loop (2300) and every loop inside it.</summary>
    public bool IsClaimScope { get; internal set; }

    /// <summary>The segment that starts each repetition of the loop.</summary>
    public SegmentDefinition Trigger { get; }

    /// <summary>The loop id to report: the loop itself, or "HEADER" style ids for the root.</summary>
    public override string ToString() => $"{Id} {Name}";
}
