using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SubmissionGateway.Access;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Benchmarks.Access;

/// <summary>
/// What the per-request revocation check costs: a warm in-process copy against a plain set lookup (baseline), and a
/// check that has to reload the list from SQLite (every check right after a revoke, or after the cache duration).
/// </summary>
[MemoryDiagnoser]
public class RevocationCheckBenchmarks
{
    private string _folder = "";
    private RevocationList _cached = null!;
    private RevocationList _reloading = null!;
    private FrozenSet<string> _plain = FrozenSet<string>.Empty;

    [Params(10_000)]
    public int Revoked { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("sgw-revocation-bench-").FullName;
        var factory = new GatewayDbContextFactory(Options.Create(new PersistenceOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(_folder, "gateway.db")}",
        }));
        GatewayDatabase.MigrateAsync(factory, CancellationToken.None).GetAwaiter().GetResult();
        using (var db = factory.CreateDbContext())
        {
            db.Revocations.AddRange(Enumerable.Range(0, Revoked).Select(i => new Revocation
            {
                Kind = i % 2 == 0 ? RevocationKind.Subject : RevocationKind.CertificateThumbprint,
                Value = i % 2 == 0 ? $"user-{i}" : Convert.ToHexString(BitConverter.GetBytes((long)i)).PadLeft(40, '0'),
                Reason = "Offboarded",
                RevokedBy = "admin",
                RevokedAt = DateTime.UtcNow,
            }));
            db.SaveChanges();
        }

        _cached = new RevocationList(factory, TimeProvider.System, Options.Create(new RevocationOptions { CacheDuration = TimeSpan.FromMinutes(10) }));
        _reloading = new RevocationList(factory, TimeProvider.System, Options.Create(new RevocationOptions { CacheDuration = TimeSpan.Zero }));
        _plain = Enumerable.Range(0, Revoked).Select(i => $"s:user-{i}").ToFrozenSet(StringComparer.Ordinal);
        _cached.IsRevokedAsync(RevocationKind.Subject, "warm-up", CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cached.Dispose();
        _reloading.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Frozen set lookup of one key (baseline)")]
    public bool PlainLookup() => _plain.Contains("s:coder-not-revoked");

    [Benchmark(Description = "Check sub + SHA-1 + SHA-256 thumbprint, warm copy")]
    public async Task<bool> WarmCheck() =>
        await _cached.IsRevokedAsync(RevocationKind.Subject, "coder-not-revoked", CancellationToken.None).ConfigureAwait(false)
        || await _cached.IsRevokedAsync(RevocationKind.CertificateThumbprint, "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", CancellationToken.None).ConfigureAwait(false)
        || await _cached.IsRevokedAsync(RevocationKind.CertificateThumbprint, "0A1B2C3D4E5F60718293A4B5C6D7E8F9012345670A1B2C3D4E5F60718293A4B5", CancellationToken.None).ConfigureAwait(false);

    [Benchmark(Description = "Check sub, reloading the list from SQLite")]
    public async Task<bool> ReloadingCheck() =>
        await _reloading.IsRevokedAsync(RevocationKind.Subject, "coder-not-revoked", CancellationToken.None).ConfigureAwait(false);
}
