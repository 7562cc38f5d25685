using BenchmarkDotNet.Attributes;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Benchmarks.Disclosures;

/// <summary>
/// Verifying a ledger read from a real SQLite file (WAL) against verifying the same entries already in memory
/// (the baseline, i.e. the figure LedgerVerificationBenchmarks reports for 1M). Times are per entry
/// (OperationsPerInvoke), so the 1M figure is the mean x 1,000,000. The file is built once with the ledger's own
/// batched appends and kept in the temp folder, so the separate benchmark processes do not each rebuild it.
/// </summary>
[MemoryDiagnoser]
public class LedgerVerificationFromDatabaseBenchmarks
{
    // 200k appends take well under two minutes here; the per-entry cost is flat in N (one streaming pass, a log-depth tree).
    private const int Entries = LedgerDatabaseSample.DefaultEntries;

    private GatewayDbContextFactory _factory = null!;
    private DisclosureEntry[] _entries = [];
    private SignedTreeHead _head = null!;
    private TreeHeadVerifier _key = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entries, Description = "Verify entries already in memory (baseline)")]
    public bool InMemory() => new LedgerVerifier([_head], _key).Verify(_entries).IsIntact;

    [Benchmark(OperationsPerInvoke = Entries, Description = "Read rows from SQLite only (no verification)")]
    public async Task<long> ReadOnly()
    {
        long last = -1;
        await foreach (var entry in DisclosureLedger.ReadAllAsync(_factory, CancellationToken.None))
        {
            last = entry.Sequence;
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Entries, Description = "Verify rows streamed from SQLite into leaf inputs (what sgw ledger verify does)")]
    public async Task<bool> FromSqlite() =>
        (await new LedgerVerifier([_head], _key).VerifyStoredAsync(_factory, CancellationToken.None)).IsIntact;

    private async Task SetupAsync()
    {
        _factory = await LedgerDatabaseSample.OpenAsync(Entries).ConfigureAwait(false);
        var read = new List<DisclosureEntry>(Entries);
        await foreach (var entry in DisclosureLedger.ReadAllAsync(_factory, CancellationToken.None).ConfigureAwait(false))
        {
            read.Add(entry);
        }

        _entries = [.. read];
        if (_entries.Length != Entries)
        {
            throw new InvalidOperationException($"The cached ledger has {_entries.Length} entries, not {Entries}; delete {LedgerDatabaseSample.Folder}.");
        }

        var tree = new MerkleTreeBuilder();
        foreach (var entry in _entries)
        {
            tree.Append(entry.LeafHash);
        }

        using var signer = new TreeHeadSigner(TreeHeadSigner.CreateKey());
        _head = signer.Sign(_entries.Length, tree.Root(), DateTimeOffset.UtcNow);
        _key = new TreeHeadVerifier(signer.ExportPublicKey());
        if (!InMemory() || !await FromSqlite().ConfigureAwait(false))
        {
            throw new InvalidOperationException("The benchmark ledger does not verify.");
        }
    }
}
