using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Benchmarks.Disclosures;

/// <summary>
/// A SQLite ledger file (WAL) built once with the ledger's own batched appends and kept in the temp folder, so the
/// separate benchmark processes share it instead of each rebuilding it. Delete <see cref="Folder"/> to rebuild.
/// </summary>
internal static class LedgerDatabaseSample
{
    public const int DefaultEntries = 200_000;
    private const int AppendBatch = 1_000;

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "sgw-bench-ledger-from-db");

    public static async Task<GatewayDbContextFactory> OpenAsync(int entries)
    {
        var path = Path.Combine(Folder, $"ledger-{entries}.db");
        var complete = path + ".complete";
        var factory = new GatewayDbContextFactory(new PersistenceOptions { ConnectionString = $"Data Source={path}" });
        if (!File.Exists(complete))
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }

            Directory.CreateDirectory(Folder);
            await GatewayDatabase.MigrateAsync(factory, CancellationToken.None).ConfigureAwait(false);
            await AppendAsync(Ledger(factory), entries).ConfigureAwait(false);
            await File.WriteAllTextAsync(complete, DateTimeOffset.UtcNow.ToString("O")).ConfigureAwait(false);
        }

        // A file kept from an older build gets the newer migrations.
        await GatewayDatabase.MigrateAsync(factory, CancellationToken.None).ConfigureAwait(false);
        return factory;
    }

    public static DisclosureLedger Ledger(GatewayDbContextFactory factory)
    {
        var keys = Options.Create(new PhiFieldOptions
        {
            ActiveKeyId = "k1",
            EncryptionKeys = new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) },
            BlindIndexKey = RandomNumberGenerator.GetBytes(32),
        });
        return new DisclosureLedger(factory, new PhiFieldProtector(keys), new PatientBlindIndex(keys), TimeProvider.System);
    }

    private static async Task AppendAsync(DisclosureLedger ledger, int entries)
    {
        var recipient = new DisclosureRecipient("ACME", "Acme Health Plan", "1 Plan Way, Springfield, IL 62701", "https://payer.example/claims");
        for (var start = 0; start < entries; start += AppendBatch)
        {
            var batch = Enumerable.Range(start, Math.Min(AppendBatch, entries - start)).Select(i => new DisclosureRecord(
                new PatientIdentity("Zebulon Quillfeather", "ZQF-" + i, new DateOnly(1961, 7, 19)),
                recipient,
                "837",
                new DisclosedContent([$"CLM-{i}"], [new DateOnly(2026, 2, 1)], [new DisclosedDocument("837P", null, 2400, new string('a', 64))]),
                DisclosurePurpose.Payment, "45 CFR 164.506(c)", "billing-system-7", "SUB-" + i)).ToList();
            await ledger.RecordDisclosuresAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
