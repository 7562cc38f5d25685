namespace SubmissionGateway.X12.Guides;

/// <summary>A loop or a segment in a guide's tree.</summary>
public abstract class GuideNode
{
    private protected GuideNode(string id, string name, Usage usage, int maxOccurs)
    {
        Id = id;
        Name = name;
        Usage = usage;
        MaxOccurs = maxOccurs;
    }

    /// <summary>Loop id (2010AA) or segment id (NM1).</summary>
    public string Id { get; }

    public string Name { get; }

    public Usage Usage { get; }

    /// <summary>Repeat of a loop, max use of a segment; <see cref="int.MaxValue"/> when unbounded.</summary>
    public int MaxOccurs { get; }

    /// <summary>The loop that holds this node; null for the transaction's root.</summary>
    public LoopDefinition? Parent { get; internal set; }

    /// <summary>Index among the parent's children.</summary>
    public int Index { get; internal set; }
}
