using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Claims;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Keys;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.Persistence;
using SubmissionGateway.Tests.PhiFields;
using SubmissionGateway.X12.CodeSets;
using WireMock.Server;

namespace SubmissionGateway.Tests.Intake;

/// <summary>
/// The intake wired as in the gateway: a real database, the encrypted file store with a local key file in the test's
/// scratch folder, the real ledger and outbox. Payers are registered but no worker runs, so nothing is sent.
/// </summary>
internal sealed class IntakeFixture : IAsyncDisposable
{
    public const string GatewayId = "SGWGATEWAY";

    private readonly ServiceProvider _services;
    private readonly LocalKeyRing _keys;

    private IntakeFixture(TestDatabase database, Action<IntakeOptions>? tune)
    {
        Database = database;
        Payers = WireMockServer.Start();
        var dataFolder = Path.Combine(database.Directory!, "data");
        _keys = new LocalKeyRing(Path.Combine(dataFolder, "keys", "kek.json"), TimeProvider.System);
        Store = new FileAttachmentStore(dataFolder, _keys, TimeProvider.System);
        var phi = TestPhiKeys.Create();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAttachmentStore>(Store);
        services.AddPersistence(o =>
        {
            o.Provider = database.Provider;
            o.ConnectionString = database.ConnectionString;
        });
        // As the gateway is wired: small payloads sealed in the database, the rest in the file store.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IKeyRing>(_keys);
        services.AddInlinePayloads();
        services.AddPhiFields(o =>
        {
            o.ActiveKeyId = phi.ActiveKeyId;
            o.EncryptionKeys = phi.EncryptionKeys;
            o.BlindIndexKey = phi.BlindIndexKey;
        });
        services.AddDisclosures(o =>
        {
            o.TreeHeadDirectory = Path.Combine(database.Directory!, "heads");
            o.TreeHeadSigningKey = TreeHeadSigner.CreateKey();
        });
        services.AddForwarding(registry =>
        {
            registry.AllowInsecureHttpForTesting = true;
            registry.Payers.Add(new PayerOptions
            {
                Id = "SGWPAYER01", Name = "Sandbox Health Plan", Address = "1 Plan Way, Springfield, IL 62701",
                Endpoint = Payers.Url + "/sandbox", TransactionTypes = ["837", "275"],
            });
            registry.Payers.Add(new PayerOptions
            {
                Id = "SGWPAYER02", Name = "Riverbend Mutual", Address = "9 Main St, Dayton, OH 45402",
                Endpoint = Payers.Url + "/riverbend", TransactionTypes = ["837"],
            });
        });
        services.AddIntake(o =>
        {
            o.SenderId = GatewayId;
            o.CodeSets = CodeSetCatalog.BuiltIn;
            tune?.Invoke(o);
        });
        services.AddAttachmentRequests(o =>
        {
            o.SubmitterId = "SGW000001";
            o.SubmitterName = "MAPLE STREET BILLING";
            o.ProviderName = "MAPLE STREET FAMILY MEDICINE";
            o.ProviderNpi = "1234567893";
        });
        _services = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    /// <summary>Both payers' portals; nothing reaches them unless a test runs the outbox worker.</summary>
    public WireMockServer Payers { get; }

    public OutboxWorker Worker => _services.GetRequiredService<OutboxWorker>();

    /// <summary>The file store alone: what is not kept in the database.</summary>
    public FileAttachmentStore Store { get; }

    /// <summary>The store the intake uses: payloads wherever they are kept.</summary>
    public InlinePayloadStore Payloads => _services.GetRequiredService<InlinePayloadStore>();

    public SubmissionIntake Intake => _services.GetRequiredService<SubmissionIntake>();

    public AttachmentIntake Attachments => _services.GetRequiredService<AttachmentIntake>();

    public AttachmentRequestService Requests => _services.GetRequiredService<AttachmentRequestService>();

    public ClaimIndex Claims => _services.GetRequiredService<ClaimIndex>();

    public DisclosureLedger Ledger => _services.GetRequiredService<DisclosureLedger>();

    public static async Task<IntakeFixture> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken, Action<IntakeOptions>? tune = null) =>
        new(await TestDatabase.CreateAsync(provider, cancellationToken), tune);

    public async Task<SubmissionResult> SubmitFileAsync(string path, string submitterId, string? key, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return await Intake.SubmitAsync(file, submitterId, key, cancellationToken);
    }

    public async Task<byte[]> ReadStoredAsync(string reference, CancellationToken cancellationToken)
    {
        await using var stream = await Payloads.OpenReadAsync(AttachmentId.Parse(reference), cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public async Task<int> StoredPayloadCountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in Payloads.ListAsync(cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Rows in each table the intake writes: submissions, claims, ledger entries, outbox items.</summary>
    public async Task<(int Submissions, int Claims, int Entries, int Outbox)> CountsAsync(CancellationToken cancellationToken)
    {
        await using var db = Database.Factory.CreateDbContext();
        return (await db.Set<Submission>().CountAsync(cancellationToken), await db.Set<IndexedClaim>().CountAsync(cancellationToken),
            await db.DisclosureEntries.CountAsync(cancellationToken), await db.OutboxItems.CountAsync(cancellationToken));
    }

    public async Task<List<DisclosureEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        await using var db = Database.Factory.CreateDbContext();
        return await db.DisclosureEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
    }

    public async Task<List<OutboxItem>> OutboxAsync(CancellationToken cancellationToken)
    {
        await using var db = Database.Factory.CreateDbContext();
        return await db.OutboxItems.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Payers.Stop();
        Payers.Dispose();
        await _services.DisposeAsync();
        _keys.Dispose();
        await Database.DisposeAsync();
    }
}
