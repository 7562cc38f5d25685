using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.ProvingGrounds.Harness;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.ProvingGrounds.Tamper;

/// <summary>
/// One intruder edit at a time, on SQLite and PostgreSQL: an edited field, a deleted row (in the middle and at the
/// end), two rows' sequences swapped. Each time `sgw ledger verify`, run as its own process, must exit 1 and name
/// the first bad entry's sequence. The untouched ledgers are verified by the built sgw as a process; the tampered
/// ones through sgw's root command in-process (same verbs, output and exit codes) to keep the suite inside CI time.
/// </summary>
public sealed class LedgerTamperTests
{
    private const int Entries = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider, string, long> Tampers()
    {
        var data = new TheoryData<DatabaseProvider, string, long>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            data.Add(provider, "edit-purpose", 5);
            data.Add(provider, "edit-recipient", 9);
            data.Add(provider, "delete-middle", 4);
            data.Add(provider, "delete-last", Entries - 1);
            data.Add(provider, "reorder", 3);
        }

        return data;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_untouched_ledger_verifies(DatabaseProvider provider)
    {
        await using var ledger = await SignedLedger.CreateAsync(provider, Ct);

        var intact = await ledger.VerifyAsync(asProcess: true, Ct);

        intact.ExitCode.ShouldBe(0, intact.ToString());
        intact.Output.ShouldContain($"ledger intact: {Entries} entries, 2 signed tree heads verified");
    }

    [Theory]
    [MemberData(nameof(Tampers))]
    public async Task Verify_fails_and_names_the_first_bad_entry(DatabaseProvider provider, string tamper, long firstBad)
    {
        await using var ledger = await SignedLedger.CreateAsync(provider, Ct);

        // The append-only guard refuses the edit while it stands; the intruder drops it first.
        await Should.ThrowAsync<Exception>(() => ledger.Database.ExecuteAsync(
            """UPDATE disclosure_entries SET "Purpose" = 'HealthCareOperations' WHERE "Sequence" = 5""", Ct));
        await ledger.Database.DropAppendOnlyGuardAsync(Ct);
        await ledger.Database.ExecuteAsync(tamper switch
        {
            "edit-purpose" => """UPDATE disclosure_entries SET "Purpose" = 'HealthCareOperations' WHERE "Sequence" = 5""",
            "edit-recipient" => """UPDATE disclosure_entries SET "RecipientName" = 'Someone Else Entirely' WHERE "Sequence" = 9""",
            "delete-middle" => """DELETE FROM disclosure_entries WHERE "Sequence" = 4""",
            "delete-last" => $"""DELETE FROM disclosure_entries WHERE "Sequence" = {Entries - 1}""",
            "reorder" => """
                UPDATE disclosure_entries SET "Sequence" = -1 WHERE "Sequence" = 3;
                UPDATE disclosure_entries SET "Sequence" = 3 WHERE "Sequence" = 8;
                UPDATE disclosure_entries SET "Sequence" = 8 WHERE "Sequence" = -1;
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
        }, Ct);

        var broken = await ledger.VerifyAsync(asProcess: false, Ct);
        broken.ExitCode.ShouldBe(1, broken.ToString());
        broken.Output.ShouldContain($"first bad entry {firstBad}{Environment.NewLine}", Case.Sensitive, broken.ToString());
        broken.Error.ShouldNotContain("   at ");
    }

    /// <summary>A ledger of <see cref="Entries"/> disclosures written by the gateway's own services, with a signed head over all of them.</summary>
    private sealed class SignedLedger : IAsyncDisposable
    {
        private SignedLedger(ScratchDatabase database) => Database = database;

        public ScratchDatabase Database { get; }

        private string Heads => Path.Combine(Database.Folder, "tree-heads");

        private string PublicKey => Path.Combine(Database.Folder, "tree-head-public.pem");

        public static async Task<SignedLedger> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken)
        {
            var database = await ScratchDatabase.CreateAsync(provider, cancellationToken);
            var ledger = new SignedLedger(database);
            await GatewayDatabase.MigrateAsync(database.Factory, cancellationToken);
            var keys = Options.Create(new PhiFieldOptions
            {
                ActiveKeyId = "k1",
                EncryptionKeys = new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) },
                BlindIndexKey = RandomNumberGenerator.GetBytes(32),
            });
            var disclosures = new DisclosureLedger(database.Factory, new PhiFieldProtector(keys), new PatientBlindIndex(keys), TimeProvider.System);
            // Two appends, so the ledger grows as it does in service; a head after the first half and one over everything.
            using var signer = new TreeHeadSigner(TreeHeadSigner.CreateKey());
            var publisher = new TreeHeadPublisher(database.Factory, new FileSystemTreeHeadArchive(ledger.Heads), signer, TimeProvider.System);
            await disclosures.RecordDisclosuresAsync(Enumerable.Range(0, Entries / 2).Select(Record).ToList(), cancellationToken);
            await publisher.PublishAsync(cancellationToken);
            await disclosures.RecordDisclosuresAsync(Enumerable.Range(Entries / 2, Entries / 2).Select(Record).ToList(), cancellationToken);
            await publisher.PublishAsync(cancellationToken);
            await File.WriteAllTextAsync(ledger.PublicKey, PemEncoding.WriteString("PUBLIC KEY", signer.ExportPublicKey()), cancellationToken);
            return ledger;
        }

        public Task<SgwCli.Result> VerifyAsync(bool asProcess, CancellationToken cancellationToken) =>
            SgwCli.VerifyLedgerAsync(Database.ConnectionString, Heads, PublicKey, asProcess, cancellationToken);

        private static DisclosureRecord Record(int n) => new(
            n % 2 == 0
                ? new PatientIdentity("Zebulon Quillfeather", "ZQF-4417-0093", new DateOnly(1961, 7, 19))
                : new PatientIdentity("Marisol Vantongeren", "MVT-8820-1174", new DateOnly(1988, 11, 3)),
            new DisclosureRecipient(Repository.SamplePayer, "Sandbox Health Plan", "1 Plan Way, Springfield, IL 62701", "https://sandbox-payer.example.test/x12"),
            "837",
            new DisclosedContent([$"PG-CLM-{n:D5}"], [new DateOnly(2026, 11, 10)], [new DisclosedDocument("837P", null, 1500 + n, new string('b', 64))]),
            DisclosurePurpose.Payment,
            "45 CFR 164.506(c)",
            "proving-grounds",
            $"PG-SUB-{n:D5}");

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }
}
