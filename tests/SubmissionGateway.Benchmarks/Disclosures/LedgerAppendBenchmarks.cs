using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Benchmarks.Disclosures;

/// <summary>
/// Appends per second on a SQLite file (WAL) with batched commits: each invocation records <see cref="Batch"/>
/// disclosures in one transaction (encryption, blind index, canonical hash, insert). The baseline inserts the
/// same number of plain rows into the same table with one commit, so the ratio is the ledger's own cost.
/// </summary>
public class LedgerAppendBenchmarks
{
    private string _directory = "";
    private GatewayDbContextFactory _factory = null!;
    private DisclosureLedger _ledger = null!;
    private List<DisclosureRecord> _records = [];
    private long _plainSequence = -1_000_000_000;

    [Params(500)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "sgw-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _factory = new GatewayDbContextFactory(new PersistenceOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "ledger.db")}" });
        GatewayDatabase.MigrateAsync(_factory, CancellationToken.None).GetAwaiter().GetResult();
        var keys = Options.Create(new PhiFieldOptions
        {
            ActiveKeyId = "k1",
            EncryptionKeys = new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) },
            BlindIndexKey = RandomNumberGenerator.GetBytes(32),
        });
        _ledger = new DisclosureLedger(_factory, new PhiFieldProtector(keys), new PatientBlindIndex(keys), TimeProvider.System);
        _records = Enumerable.Range(0, Batch).Select(i => new DisclosureRecord(
            new PatientIdentity("Zebulon Quillfeather", "ZQF-" + i, new DateOnly(1961, 7, 19)),
            new DisclosureRecipient("ACME", "Acme Health Plan", "1 Plan Way, Springfield, IL 62701", "https://payer.example/claims"),
            "837",
            new DisclosedContent([$"CLM-{i}"], [new DateOnly(2026, 2, 1)], [new DisclosedDocument("837P", null, 2400, new string('a', 64))]),
            DisclosurePurpose.Payment, "45 CFR 164.506(c)", "billing-system-7", "SUB-" + i)).ToList();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Plain inserts, one commit (baseline)")]
    public async Task PlainInserts()
    {
        await using var db = _factory.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < Batch; i++)
        {
            db.DisclosureEntries.Add(new DisclosureEntry
            {
                Sequence = _plainSequence--,
                RecordedAt = DateTime.UtcNow,
                PatientCiphertext = new byte[110],
                PatientIndex = new byte[32],
                PayerId = "ACME",
                Description = "{}",
                LeafHash = new byte[32],
            });
        }

        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    [Benchmark(Description = "Ledger appends, one commit per batch")]
    public Task LedgerAppends() => _ledger.RecordDisclosuresAsync(_records, CancellationToken.None);
}
