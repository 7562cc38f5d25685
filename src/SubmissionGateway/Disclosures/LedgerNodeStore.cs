using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// Keeps the interior nodes of the ledger's Merkle tree (complete subtrees of at least 256 leaves) so inclusion
/// proofs read O(log n) rows. The tree-head publisher extends them after each head, from leaves it has just
/// verified; appends never touch them, so the append rate is unchanged.
/// </summary>
internal static class LedgerNodeStore
{
    /// <summary>Subtrees of 2^8 = 256 leaves and up are stored: at most 256 leaf hashes are read for the lowest part of a proof.</summary>
    public const int LowestStoredLevel = 8;

    private const long Block = 1L << LowestStoredLevel;

    /// <summary>How many leaves the stored nodes cover (a multiple of 256).</summary>
    public static async Task<long> CoveredAsync(GatewayDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.LedgerNodes.Where(n => n.Level == LowestStoredLevel).MaxAsync(n => (long?)n.NodeIndex, cancellationToken).ConfigureAwait(false);
        return last is { } index ? (index + 1) * Block : 0;
    }

    /// <summary>Stores the nodes of every complete 256-leaf block below <paramref name="treeSize"/> not stored yet, and their parents.</summary>
    public static async Task ExtendAsync(IDbContextFactory<GatewayDbContext> databases, long treeSize, CancellationToken cancellationToken)
    {
        await using var db = databases.CreateDbContext();
        var covered = await CoveredAsync(db, cancellationToken).ConfigureAwait(false);
        var target = treeSize / Block * Block;
        if (covered >= target)
        {
            return;
        }

        // The frontier: the complete aligned subtrees that make up [0, covered), largest first, all stored.
        var frontier = new List<(int Level, long Start, byte[] Hash)>();
        var start = 0L;
        for (var level = 62; level >= LowestStoredLevel; level--)
        {
            if ((covered & (1L << level)) != 0)
            {
                var index = start >> level;
                var level1 = level;
                var node = await db.LedgerNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Level == level1 && n.NodeIndex == index, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Ledger node {level}/{index} is missing; the stored nodes are incomplete.");
                frontier.Add((level, start, node.Hash));
                start += 1L << level;
            }
        }

        var created = new List<LedgerNode>();
        var block = new List<byte[]>((int)Block);
        var blockStart = covered;
        await foreach (var leaf in db.DisclosureEntries.AsNoTracking()
            .Where(e => e.Sequence >= covered && e.Sequence < target)
            .OrderBy(e => e.Sequence)
            .Select(e => e.LeafHash)
            .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            block.Add(leaf);
            if (block.Count < Block)
            {
                continue;
            }

            var hash = MerkleTree.Root(block, Block);
            var level = LowestStoredLevel;
            created.Add(new LedgerNode { Level = level, NodeIndex = blockStart >> level, Hash = hash });
            var nodeStart = blockStart;
            while (frontier.Count > 0 && frontier[^1].Level == level)
            {
                var left = frontier[^1];
                frontier.RemoveAt(frontier.Count - 1);
                var parent = new byte[MerkleTree.HashSize];
                MerkleTree.NodeHash(left.Hash, hash, parent);
                hash = parent;
                level++;
                nodeStart = left.Start;
                created.Add(new LedgerNode { Level = level, NodeIndex = nodeStart >> level, Hash = hash });
            }

            frontier.Add((level, nodeStart, hash));
            block.Clear();
            blockStart += Block;
        }

        if (created.Count == 0)
        {
            return;
        }

        // Another publisher may store the same nodes at the same time; they are equal, so the first one stays.
        await using var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var node in created)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO ledger_nodes ("Level", "NodeIndex", "Hash") VALUES ({node.Level}, {node.NodeIndex}, {node.Hash}) ON CONFLICT DO NOTHING""",
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The RFC 6962 audit path of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/>, from stored nodes where they exist.</summary>
    public static async Task<IReadOnlyList<byte[]>> ProveAsync(GatewayDbContext db, long index, long treeSize, CancellationToken cancellationToken)
    {
        var covered = await CoveredAsync(db, cancellationToken).ConfigureAwait(false);
        var path = new List<byte[]>();
        await PathAsync(db, covered, index, 0, treeSize, path, cancellationToken).ConfigureAwait(false);
        return path;
    }

    // PATH(m, D[start:start+n]) = PATH(m, left) : MTH(right), or PATH(m-k, right) : MTH(left); deepest sibling first.
    private static async Task PathAsync(GatewayDbContext db, long covered, long m, long start, long n, List<byte[]> path, CancellationToken cancellationToken)
    {
        if (n <= Block)
        {
            var leaves = await LeavesAsync(db, start, n, cancellationToken).ConfigureAwait(false);
            path.AddRange(MerkleTree.InclusionProof(leaves, m, n));
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            await PathAsync(db, covered, m, start, k, path, cancellationToken).ConfigureAwait(false);
            path.Add(await SubtreeAsync(db, covered, start + k, n - k, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await PathAsync(db, covered, m - k, start + k, n - k, path, cancellationToken).ConfigureAwait(false);
            path.Add(await SubtreeAsync(db, covered, start, k, cancellationToken).ConfigureAwait(false));
        }
    }

    // MTH(D[start:start+n]): a stored node when the range is one, else its two halves; leaves only where nothing is stored.
    private static async Task<byte[]> SubtreeAsync(GatewayDbContext db, long covered, long start, long n, CancellationToken cancellationToken)
    {
        if (n >= Block && (n & (n - 1)) == 0 && start % n == 0 && start + n <= covered)
        {
            var level = System.Numerics.BitOperations.Log2((ulong)n);
            var nodeIndex = start >> level;
            var stored = await db.LedgerNodes.AsNoTracking()
                .Where(x => x.Level == level && x.NodeIndex == nodeIndex).Select(x => x.Hash)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return stored;
            }
        }

        if (n <= Block || start >= covered)
        {
            return MerkleTree.Root(await LeavesAsync(db, start, n, cancellationToken).ConfigureAwait(false), n);
        }

        var k = (n & (n - 1)) == 0 ? n / 2 : LargestPowerOfTwoBelow(n);
        var left = await SubtreeAsync(db, covered, start, k, cancellationToken).ConfigureAwait(false);
        var right = await SubtreeAsync(db, covered, start + k, n - k, cancellationToken).ConfigureAwait(false);
        var hash = new byte[MerkleTree.HashSize];
        MerkleTree.NodeHash(left, right, hash);
        return hash;
    }

    private static async Task<List<byte[]>> LeavesAsync(GatewayDbContext db, long start, long n, CancellationToken cancellationToken)
    {
        var end = start + n;
        var leaves = await db.DisclosureEntries.AsNoTracking()
            .Where(e => e.Sequence >= start && e.Sequence < end)
            .OrderBy(e => e.Sequence)
            .Select(e => e.LeafHash)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (leaves.Count != n)
        {
            throw new InvalidOperationException($"The ledger holds {leaves.Count} of the {n} entries from {start} a proof needs.");
        }

        return leaves;
    }

    private static long LargestPowerOfTwoBelow(long n) => 1L << System.Numerics.BitOperations.Log2((ulong)(n - 1));
}
