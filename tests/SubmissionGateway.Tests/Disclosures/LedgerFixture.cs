using Microsoft.Extensions.Time.Testing;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.Persistence;
using SubmissionGateway.Tests.PhiFields;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>A migrated database with a ledger, a signing key and a head archive in its scratch folder.</summary>
internal sealed class LedgerFixture : IAsyncDisposable
{
    private LedgerFixture(TestDatabase database, PhiFieldOptions keys)
    {
        Database = database;
        Keys = keys;
        var options = TestPhiKeys.Options(keys);
        Index = new PatientBlindIndex(options);
        Ledger = new DisclosureLedger(database.Factory, new PhiFieldProtector(options), Index, Time);
        SigningKey = TreeHeadSigner.CreateKey();
        Signer = new TreeHeadSigner(SigningKey);
        Verifier = new TreeHeadVerifier(Signer.ExportPublicKey());
        HeadDirectory = Path.Combine(database.Directory!, "heads");
        Archive = new FileSystemTreeHeadArchive(HeadDirectory);
        Publisher = new TreeHeadPublisher(database.Factory, Archive, Signer, Time);
    }

    public TestDatabase Database { get; }

    public PhiFieldOptions Keys { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero));

    public PatientBlindIndex Index { get; }

    public DisclosureLedger Ledger { get; }

    public byte[] SigningKey { get; }

    public TreeHeadSigner Signer { get; }

    public TreeHeadVerifier Verifier { get; }

    public string HeadDirectory { get; }

    public FileSystemTreeHeadArchive Archive { get; }

    public TreeHeadPublisher Publisher { get; }

    public static async Task<LedgerFixture> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken) =>
        new(await TestDatabase.CreateAsync(provider, cancellationToken), TestPhiKeys.Create());

    public Task<LedgerVerificationResult> VerifyAsync(CancellationToken cancellationToken) =>
        LedgerAudit.VerifyAsync(Database.Factory, Archive, Verifier, cancellationToken);

    public static DisclosureRecord Record(int n, PatientIdentity? patient = null, DisclosurePurpose purpose = DisclosurePurpose.Payment) => new(
        patient ?? Patients.Ada,
        new DisclosureRecipient("ACME", "Acme Health Plan", "1 Plan Way, Springfield, IL 62701", "https://payer.example/claims"),
        "837",
        new DisclosedContent(
            [$"CLM-{n:D5}"],
            [new DateOnly(2026, 2, 1)],
            [new DisclosedDocument("837P", null, 1200 + n, new string('a', 64))]),
        purpose,
        "45 CFR 164.506(c)",
        "billing-system-7",
        $"SUB-{n:D5}");

    public async ValueTask DisposeAsync()
    {
        Signer.Dispose();
        Verifier.Dispose();
        await Database.DisposeAsync();
    }
}
