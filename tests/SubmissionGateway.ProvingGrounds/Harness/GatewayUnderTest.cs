using System.Security.Cryptography;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// One gateway process over a scratch database (SQLite file or its own PostgreSQL database) and data folder, wired
/// to a payer stand-in through the payer registry's configuration keys, with forwarding timings short enough for
/// tests. Ports come from the range reserved for this suite.
/// </summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    private GatewayUnderTest(ScratchDatabase database, PayerStandIn payer, GatewayProcess process)
    {
        Database = database;
        Payer = payer;
        Process = process;
    }

    public ScratchDatabase Database { get; }

    public PayerStandIn Payer { get; }

    public GatewayProcess Process { get; }

    public string DataFolder => Process.DataFolder;

    /// <summary>Creates everything and starts the gateway once (which migrates the database and generates its keys).</summary>
    public static async Task<GatewayUnderTest> StartAsync(
        DatabaseProvider provider, PortBlock ports, IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var database = await ScratchDatabase.CreateAsync(provider, cancellationToken);
        var payer = new PayerStandIn(ports.Payer);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Persistence:Provider"] = provider.ToString(),
            ["Persistence:ConnectionString"] = database.ConnectionString,
            ["PayerRegistry:AllowInsecureHttpForTesting"] = "true",
            ["PayerRegistry:Payers:0:Id"] = Repository.SamplePayer,
            ["PayerRegistry:Payers:0:Name"] = "Sandbox Health Plan",
            ["PayerRegistry:Payers:0:Address"] = "1 Plan Way, Springfield, IL 62701",
            ["PayerRegistry:Payers:0:Endpoint"] = payer.Endpoint,
            ["PayerRegistry:Payers:0:TransactionTypes:0"] = "837",
            ["PayerRegistry:Payers:0:TransactionTypes:1"] = "275",
            ["Forwarding:BatchSize"] = "8",
            ["Forwarding:PollInterval"] = "00:00:00.200",
            ["Forwarding:LeaseDuration"] = "00:00:03",
            ["Forwarding:MaxAttempts"] = "1000",
            ["Forwarding:RedeliveryBaseDelay"] = "00:00:00.200",
            ["Forwarding:RedeliveryMaxDelay"] = "00:00:01",
            ["Forwarding:AttemptTimeout"] = "00:00:02",
            ["Forwarding:TotalBudget"] = "00:00:06",
            ["Forwarding:MaxRetries"] = "2",
            ["Forwarding:RetryBaseDelay"] = "00:00:00.100",
            ["Forwarding:BreakDuration"] = "00:00:02",
            ["Forwarding:BreakMinimumThroughput"] = "4",
            ["Forwarding:BreakSamplingDuration"] = "00:00:10",
            ["Disclosures:TreeHeadInterval"] = "00:00:01",
            ["Intake:SenderId"] = "SGWGATEWAY",
            // The practice's identity for 275s; with it the coder endpoints are registered.
            ["AttachmentRequests:SubmitterId"] = "SGW000001",
            ["AttachmentRequests:SubmitterName"] = "MAPLE STREET BILLING",
            ["AttachmentRequests:ProviderName"] = "MAPLE STREET FAMILY MEDICINE",
            ["AttachmentRequests:ProviderNpi"] = "1234567893",
            ["AttachmentRequests:UsageIndicator"] = "T",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var process = new GatewayProcess(Path.Combine(database.Folder, "data"), ports.Gateway, settings);
        var gateway = new GatewayUnderTest(database, payer, process);
        try
        {
            await process.StartAsync(cancellationToken);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    public string Token(string role, string? submitterId = null) => GatewayTokens.Mint(DataFolder, role, submitterId);

    /// <summary><c>sgw ledger verify</c> over this gateway's database, its tree-head folder and its signing key's public half.</summary>
    public async Task<SgwCli.Result> VerifyLedgerAsync(CancellationToken cancellationToken)
    {
        var publicKey = Path.Combine(Database.Folder, "tree-head-public.pem");
        using (var signer = new TreeHeadSigner(DataFolderSecret.LoadOrCreate(Path.Combine(DataFolder, "keys", "tree-head-signing.p8"), TreeHeadSigner.CreateKey)))
        {
            await File.WriteAllTextAsync(publicKey, PemEncoding.WriteString("PUBLIC KEY", signer.ExportPublicKey()), cancellationToken);
        }

        var database = Database.Provider == DatabaseProvider.Sqlite ? Path.Combine(Database.Folder, "gateway.db") : Database.ConnectionString;
        return await SgwCli.VerifyLedgerAsync(database, Path.Combine(DataFolder, "tree-heads"), publicKey, asProcess: true, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Payer.Dispose();
        await Database.DisposeAsync();
    }
}
