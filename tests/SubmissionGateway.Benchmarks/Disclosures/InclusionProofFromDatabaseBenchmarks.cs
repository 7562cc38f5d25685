using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Benchmarks.Disclosures;

/// <summary>
/// Producing an inclusion proof from a real SQLite ledger of 200,000 entries: the baseline reads every leaf hash
/// and recomputes the siblings (how proofs were made before ledger_nodes); the other reads the stored subtree
/// nodes the tree-head publisher keeps, plus at most one 256-leaf block and the tail after the last head.
/// </summary>
[MemoryDiagnoser]
public class InclusionProofFromDatabaseBenchmarks
{
    private const long Leaf = 123_457;

    private GatewayDbContextFactory _factory = null!;
    private DisclosureLedger _ledger = null!;
    private string _heads = "";
    private long _size;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_heads, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Proof from every leaf hash (before)")]
    public async Task<int> FromAllLeaves()
    {
        await using var db = _factory.CreateDbContext();
        var leaves = await db.DisclosureEntries.AsNoTracking().Where(e => e.Sequence < _size).OrderBy(e => e.Sequence).Select(e => e.LeafHash).ToListAsync();
        return MerkleTree.InclusionProof(leaves, Leaf, _size).Count;
    }

    [Benchmark(Description = "Proof from stored subtree nodes (DisclosureLedger.ProveAsync)")]
    public async Task<int> FromStoredNodes() => (await _ledger.ProveAsync(Leaf, _size, CancellationToken.None)).AuditPath.Count;

    private async Task SetupAsync()
    {
        _factory = await LedgerDatabaseSample.OpenAsync(LedgerDatabaseSample.DefaultEntries).ConfigureAwait(false);
        _ledger = LedgerDatabaseSample.Ledger(_factory);
        _heads = Path.Combine(Path.GetTempPath(), "sgw-bench-heads-" + Guid.NewGuid().ToString("N"));
        using var signer = new TreeHeadSigner(TreeHeadSigner.CreateKey());
        // Publishing a head verifies the ledger and stores its subtree nodes (idempotent on the kept file).
        var head = await new TreeHeadPublisher(_factory, new FileSystemTreeHeadArchive(_heads), signer, TimeProvider.System)
            .PublishAsync(CancellationToken.None).ConfigureAwait(false);
        _size = head!.TreeSize;
        await using var db = _factory.CreateDbContext();
        var leaves = await db.DisclosureEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.LeafHash).ToListAsync().ConfigureAwait(false);
        var expected = MerkleTree.InclusionProof(leaves, Leaf, _size).Select(Convert.ToHexString);
        var actual = (await _ledger.ProveAsync(Leaf, _size, CancellationToken.None).ConfigureAwait(false)).AuditPath.Select(Convert.ToHexString);
        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidOperationException("The proof from stored nodes differs from the proof from every leaf.");
        }
    }
}
