using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.Disclosures;
using SubmissionGateway.Tests.Persistence;
using SubmissionGateway.Tests.PhiFields;
using WireMock.Server;

namespace SubmissionGateway.Tests.Forwarding;

/// <summary>The forwarding services wired as in the gateway, against a real database and a WireMock payer portal.</summary>
internal sealed class ForwardingFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ForwardingFixture(TestDatabase database, Action<ForwardingOptions>? tune, bool attachmentStore)
    {
        Database = database;
        Payer = WireMockServer.Start();
        Payloads = new DirectoryPayloadSource(Path.Combine(database.Directory!, "payloads"));
        var keys = TestPhiKeys.Create();
        var services = new ServiceCollection();
        services.AddLogging();
        if (attachmentStore)
        {
            // As the gateway wires it: no payload source registered, so AddForwarding reads from the encrypted store.
            AttachmentFolder = Path.Combine(database.Directory!, "data");
            services.AddProtection(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Protection:DataFolder"] = AttachmentFolder })
                .Build());
        }
        else
        {
            services.AddSingleton<IForwardingPayloadSource>(Payloads);
        }

        services.AddPersistence(o =>
        {
            o.Provider = database.Provider;
            o.ConnectionString = database.ConnectionString;
        });
        services.AddPhiFields(o =>
        {
            o.ActiveKeyId = keys.ActiveKeyId;
            o.EncryptionKeys = keys.EncryptionKeys;
            o.BlindIndexKey = keys.BlindIndexKey;
        });
        services.AddDisclosures(o =>
        {
            o.TreeHeadDirectory = Path.Combine(database.Directory!, "heads");
            o.TreeHeadSigningKey = TreeHeadSigner.CreateKey();
        });
        services.AddForwarding(
            registry =>
            {
                registry.AllowInsecureHttpForTesting = true;
                registry.Payers.Add(new PayerOptions
                {
                    Id = "ACME", Name = "Acme Health Plan", Address = "1 Plan Way, Springfield, IL 62701",
                    Endpoint = Payer.Url + "/claims", TransactionTypes = ["837", "275"], MaxPayloadBytes = 1_000_000,
                });
                registry.Payers.Add(new PayerOptions
                {
                    Id = "CLAIMSONLY", Name = "Claims Only Mutual", Address = "9 Main St, Dayton, OH 45402",
                    Endpoint = Payer.Url + "/claims-only", TransactionTypes = ["837"], MaxPayloadBytes = 1_000_000,
                });
            },
            o =>
            {
                o.WorkerId = "test-worker";
                o.LeaseDuration = TimeSpan.FromMinutes(1);
                o.RedeliveryBaseDelay = TimeSpan.FromMinutes(1);
                // Generous: a cold first request on a loaded CI machine must not count as a payer failure.
                o.AttemptTimeout = TimeSpan.FromSeconds(2);
                o.TotalBudget = TimeSpan.FromSeconds(10);
                o.MaxRetries = 2;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
                o.BreakDuration = TimeSpan.FromSeconds(1);
                o.BreakFailureRatio = 0.5;
                o.BreakMinimumThroughput = 2;
                o.BreakSamplingDuration = TimeSpan.FromSeconds(5);
                tune?.Invoke(o);
            });
        _services = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public WireMockServer Payer { get; }

    public DirectoryPayloadSource Payloads { get; }

    /// <summary>The file attachment store's data folder, when the fixture forwards from the encrypted store.</summary>
    public string? AttachmentFolder { get; }

    /// <summary>The workers' clock (leases, redelivery), ahead of the real one that stamped the items; retries run on real time.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow.AddHours(1));

    public IServiceProvider Services => _services;

    public DisclosureForwarder Forwarder => _services.GetRequiredService<DisclosureForwarder>();

    public static async Task<ForwardingFixture> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken, Action<ForwardingOptions>? tune = null) =>
        new(await TestDatabase.CreateAsync(provider, cancellationToken), tune, attachmentStore: false);

    /// <summary>Payloads in the real encrypted file attachment store, read back through the registered <see cref="AttachmentPayloadSource"/>.</summary>
    public static async Task<ForwardingFixture> WithAttachmentStoreAsync(CancellationToken cancellationToken) =>
        new(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, cancellationToken), null, attachmentStore: true);

    public OutboxWorker Worker(string id = "worker-a") =>
        ActivatorUtilities.CreateInstance<OutboxWorker>(_services, (TimeProvider)Time,
            Options.Create(new ForwardingOptions
            {
                WorkerId = id, LeaseDuration = TimeSpan.FromMinutes(1), RedeliveryBaseDelay = TimeSpan.FromMinutes(1), MaxAttempts = 5,
            }));

    public async Task<ForwardingReceipt> ForwardAsync(string payerId, string transactionType, string payload, string controlNumber, CancellationToken cancellationToken)
    {
        var bytes = Encoding.ASCII.GetBytes(payload);
        var reference = AttachmentFolder is null
            ? await Payloads.StoreAsync(bytes, cancellationToken)
            : (await _services.GetRequiredService<IAttachmentStore>().PutAsync(new MemoryStream(bytes), cancellationToken)).Id.Value;
        return await Forwarder.ForwardAsync(new ForwardingRequest(
            Patients.Ada, payerId, transactionType, controlNumber, reference, "application/edi-x12",
            new DisclosedContent(["CLM-00042"], [new DateOnly(2026, 2, 1)], [new DisclosedDocument(transactionType, transactionType == "275" ? "18842-5" : null, payload.Length, "")]),
            DisclosurePurpose.Payment, "45 CFR 164.506(c)", "billing-system-7", "SUB-" + controlNumber), cancellationToken);
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
        Payer.Stop();
        Payer.Dispose();
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
