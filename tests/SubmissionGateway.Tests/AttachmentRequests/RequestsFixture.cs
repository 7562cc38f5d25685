using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Keys;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.Disclosures;
using SubmissionGateway.Tests.Persistence;
using SubmissionGateway.Tests.PhiFields;

namespace SubmissionGateway.Tests.AttachmentRequests;

/// <summary>
/// The request service wired as in the gateway: a real SQLite database, the real ledger and forwarder, and an
/// encrypted file store in the test's scratch folder.
/// </summary>
internal sealed class RequestsFixture : IAsyncDisposable
{
    public const string Coder = "coder-ivy";
    public const string OperativeNote = "11504-8";
    public const string DischargeSummary = "18842-5";
    public const string ClaimId = "SGW-CLAIM-0042";

    private readonly ServiceProvider _services;
    private readonly LocalKeyRing _keys;

    private RequestsFixture(TestDatabase database)
    {
        Database = database;
        _keys = new LocalKeyRing(Path.Combine(database.Directory!, "keys", "kek.json"), Time);
        Store = new FileAttachmentStore(Path.Combine(database.Directory!, "data"), _keys, Time);
        var phi = TestPhiKeys.Create();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IAttachmentStore>(Store);
        services.AddSingleton<IForwardingPayloadSource, AttachmentPayloadSource>();
        services.AddPersistence(o =>
        {
            o.Provider = database.Provider;
            o.ConnectionString = database.ConnectionString;
        });
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
            registry.Payers.Add(new PayerOptions
            {
                Id = "SGWPAYER01", Name = "Sandbox Health Plan", Address = "1 Plan Way, Springfield, IL 62701",
                Endpoint = "https://payer.invalid/attachments", TransactionTypes = ["837", "275"], MaxPayloadBytes = 100_000_000,
            });
            registry.Payers.Add(new PayerOptions
            {
                Id = "CLAIMSONLY", Name = "Claims Only Mutual", Address = "9 Main St, Dayton, OH 45402",
                Endpoint = "https://claims-only.invalid/claims", TransactionTypes = ["837"], MaxPayloadBytes = 100_000_000,
            });
            registry.Payers.Add(new PayerOptions
            {
                Id = "SMALLPAYER", Name = "Small Files Health", Address = "3 Elm St, Akron, OH 44308",
                Endpoint = "https://small.invalid/attachments", TransactionTypes = ["275"], MaxPayloadBytes = 500,
            });
        });
        services.AddAttachmentRequests(o =>
        {
            o.SubmitterId = "SGW000001";
            o.SubmitterName = "MAPLE STREET BILLING";
            o.ProviderName = "MAPLE STREET FAMILY MEDICINE";
            o.ProviderNpi = "1234567893";
            o.UsageIndicator = "T";
            o.Payers["SGWPAYER01"] = new RequestScopeDefaults { AllowCdaXml = true };
            o.DefaultCoder = Coder;
        });
        _services = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public FileAttachmentStore Store { get; }

    public AttachmentRequestService Service => _services.GetRequiredService<AttachmentRequestService>();

    public static PatientIdentity Patient => Patients.Ada;

    public static DateOnly ServiceDate => new(2026, 2, 11);

    public static async Task<RequestsFixture> CreateAsync(CancellationToken cancellationToken, DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        new(await TestDatabase.CreateAsync(provider, cancellationToken));

    public static AttachmentRequestDraft Draft(
        string payerId = "SGWPAYER01", long? maxDocumentBytes = null, long? maxTotalBytes = null, DocumentFormats? formats = null, int noteCount = 1) => new(
        payerId,
        ClaimId,
        "PCCN-77120",
        Patient,
        ServiceDate,
        ServiceDate.AddDays(2),
        AttachmentRequestPurpose.PayerRequest,
        new Dictionary<string, int> { [OperativeNote] = noteCount, [DischargeSummary] = 1 },
        Coder,
        PayerRequestNumber: "RFAI-0001",
        MaxDocumentBytes: maxDocumentBytes,
        MaxTotalBytes: maxTotalBytes,
        AllowedFormats: formats);

    public Task<AttachmentRequest> CreateAsync(AttachmentRequestDraft? draft = null) =>
        Service.CreateAsync(draft ?? Draft(), TestContext.Current.CancellationToken);

    public Task<UploadResult> UploadAsync(
        AttachmentRequest request, byte[] content, string fileName = "note.pdf", string loinc = OperativeNote, string coder = Coder,
        PatientIdentity? patient = null, string claimId = ClaimId, DateOnly? serviceDate = null) =>
        UploadAsync(request, new MemoryStream(content), fileName, loinc, coder, patient, claimId, serviceDate);

    public Task<UploadResult> UploadAsync(
        AttachmentRequest request, Stream content, string fileName = "note.pdf", string loinc = OperativeNote, string coder = Coder,
        PatientIdentity? patient = null, string claimId = ClaimId, DateOnly? serviceDate = null) =>
        Service.UploadAsync(request.Id, coder, loinc, patient ?? Patient, claimId, serviceDate ?? ServiceDate, fileName, content, TestContext.Current.CancellationToken);

    public async Task<List<StoredAttachment>> StoredAsync()
    {
        var list = new List<StoredAttachment>();
        await foreach (var item in Store.ListAsync(TestContext.Current.CancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    public async Task<byte[]> ReadStoredAsync(string attachmentId)
    {
        await using var stream = await Store.OpenReadAsync(AttachmentId.Parse(attachmentId), TestContext.Current.CancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }

    public async Task<List<DisclosureEntry>> LedgerAsync()
    {
        await using var db = Database.Factory.CreateDbContext();
        return await db.DisclosureEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<List<OutboxItem>> OutboxAsync()
    {
        await using var db = Database.Factory.CreateDbContext();
        return await db.OutboxItems.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<int> DocumentRowsAsync()
    {
        await using var db = Database.Factory.CreateDbContext();
        return await db.RequestDocuments.CountAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _keys.Dispose();
        await Database.DisposeAsync();
    }
}
