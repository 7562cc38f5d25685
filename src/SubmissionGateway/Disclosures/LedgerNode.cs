namespace SubmissionGateway.Disclosures;

/// <summary>
/// The hash of a complete, aligned Merkle subtree: the 2^<see cref="Level"/> leaves from
/// <see cref="NodeIndex"/> x 2^<see cref="Level"/>. Stored for levels from <see cref="LedgerNodeStore.LowestStoredLevel"/>
/// up, so an inclusion proof reads O(log n) nodes instead of every leaf. Nodes are derived data: a forged node can
/// only make a proof fail against its signed head, never make a false one pass.
/// </summary>
public sealed class LedgerNode
{
    public int Level { get; set; }

    public long NodeIndex { get; set; }

    public byte[] Hash { get; set; } = [];
}
