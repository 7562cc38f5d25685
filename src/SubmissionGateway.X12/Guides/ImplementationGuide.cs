namespace SubmissionGateway.X12.Guides;

/// <summary>One implementation guide (837P, 275, 999…) loaded from schemas/x12.</summary>
public sealed class ImplementationGuide
{
    private readonly HashSet<int> _segmentKeys;

    internal ImplementationGuide(string id, string transactionSet, string functionalGroup, string name, IReadOnlyList<string> errata,
        string source, LoopDefinition transaction)
    {
        Id = id;
        TransactionSet = transactionSet;
        FunctionalGroup = functionalGroup;
        Name = name;
        Errata = errata;
        Source = source;
        Transaction = transaction;
        _segmentKeys = [];
        var loops = new List<LoopDefinition>();
        Collect(transaction, _segmentKeys, loops, inClaim: false);
        Loops = [.. loops];
    }

    /// <summary>Every loop of the guide, at its ordinal (ordinals run from 0 to the count less one).</summary>
    internal LoopDefinition[] Loops { get; }

    /// <summary>The version/release/industry identifier (GS08/ST03), e.g. 005010X222A1.</summary>
    public string Id { get; }

    /// <summary>ST01: 837, 275, 999, 277.</summary>
    public string TransactionSet { get; }

    /// <summary>GS01: HC, PI, FA, HN.</summary>
    public string FunctionalGroup { get; }

    public string Name { get; }

    /// <summary>Other identifiers deliberately validated with this guide (errata releases).</summary>
    public IReadOnlyList<string> Errata { get; }

    public string Source { get; }

    /// <summary>The ST…SE loop tree.</summary>
    public LoopDefinition Transaction { get; }

    /// <summary>True when a segment with this id appears anywhere in the guide.</summary>
    public bool UsesSegment(int key) => _segmentKeys.Contains(key);

    public override string ToString() => $"{Id} ({TransactionSet} {Name})";

    private static void Collect(LoopDefinition loop, HashSet<int> keys, List<LoopDefinition> loops, bool inClaim)
    {
        loop.Ordinal = loops.Count;
        loops.Add(loop);
        loop.IsClaimScope = inClaim || loop.Id == "2300";
        foreach (var child in loop.Children)
        {
            if (child is SegmentDefinition segment)
            {
                keys.Add(segment.Key);
            }
            else if (child is LoopDefinition nested)
            {
                Collect(nested, keys, loops, loop.IsClaimScope);
            }
        }
    }
}
