using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Keys;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Benchmarks.Intake;

/// <summary>
/// The whole intake of a small 837 (validate, acknowledge, re-envelope per payer and validate that copy, seal both
/// payloads, record the disclosure and queue the delivery, all committed) on the embedded default's parts: a SQLite
/// file in WAL mode, inline payloads sealed under a local key file, the sandbox payer. 32 submissions in flight at
/// once, as from concurrent clients, so the ledger's group commit shares transactions as it does under load; then
/// the outbox worker delivering them to the sandbox. The baseline only validates the same bytes, once.
/// Run: dotnet run -c Release --project tests/SubmissionGateway.Benchmarks -- --filter '*SubmissionIntake*'
/// </summary>
[MemoryDiagnoser]
public class SubmissionIntakeBenchmarks
{
    private const int InFlight = 32;
    private const string Submitter = "SGWDEMOBILLING";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sgw-bench-intake-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;
    private SubmissionIntake? _intake;
    private OutboxWorker? _worker;
    private X12Validator? _validator;
    private string _template = "";
    private string _controlNumber = "";
    private long _next = 100;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        var keys = new LocalKeyRing(Path.Combine(_folder, "keys", "kek.json"), TimeProvider.System);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IKeyRing>(keys);
        services.AddSingleton<IAttachmentStore>(new FileAttachmentStore(Path.Combine(_folder, "data"), keys, TimeProvider.System));
        services.AddPersistence(o => o.ConnectionString = $"Data Source={Path.Combine(_folder, "gateway.db")}");
        services.AddInlinePayloads();
        services.AddPhiFields(o =>
        {
            o.ActiveKeyId = "bench-1";
            o.EncryptionKeys["bench-1"] = RandomNumberGenerator.GetBytes(32);
            o.BlindIndexKey = RandomNumberGenerator.GetBytes(32);
        });
        services.AddDisclosures(o =>
        {
            o.TreeHeadDirectory = Path.Combine(_folder, "heads");
            o.TreeHeadSigningKey = TreeHeadSigner.CreateKey();
        });
        services.AddForwarding(r => r.Sandbox = true);
        services.AddIntake(o => o.CodeSets = CodeSetCatalog.BuiltIn);
        _services = services.BuildServiceProvider();
        GatewayDatabase.MigrateAsync(_services.GetRequiredService<GatewayDbContextFactory>(), CancellationToken.None).GetAwaiter().GetResult();
        _intake = _services.GetRequiredService<SubmissionIntake>();
        _worker = _services.GetRequiredService<OutboxWorker>();
        _validator = _services.GetRequiredService<X12Validator>();
        _template = Encoding.Latin1.GetString(File.ReadAllBytes(SamplePath()));
        _controlNumber = _template.Substring(_template.IndexOf("ISA", StringComparison.Ordinal) + 90, 9);
        var first = _intake.SubmitAsync(new MemoryStream(Body()), Submitter, null, CancellationToken.None).GetAwaiter().GetResult();
        if (first.Forwards.Count != 1)
        {
            throw new InvalidOperationException("The sample must be accepted and routed to one payer.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "validate the 837 (SNIP 1-5)")]
    public bool Validate() => _validator!.Validate(new MemoryStream(Body())).Accepted;

    [Benchmark(OperationsPerInvoke = InFlight, Description = "whole intake, committed (32 in flight)")]
    public async Task<int> Submit()
    {
        var submissions = new Task<SubmissionResult>[InFlight];
        for (var i = 0; i < InFlight; i++)
        {
            submissions[i] = Task.Run(() => _intake!.SubmitAsync(new MemoryStream(Body()), Submitter, null, CancellationToken.None));
        }

        return (await Task.WhenAll(submissions).ConfigureAwait(false)).Sum(r => r.Forwards.Count);
    }

    [Benchmark(OperationsPerInvoke = InFlight, Description = "intake then delivery to the sandbox (32)")]
    public async Task<int> SubmitAndDeliver()
    {
        await Submit().ConfigureAwait(false);
        var delivered = 0;
        while (await _worker!.RunOnceAsync(CancellationToken.None).ConfigureAwait(false) is var claimed and > 0)
        {
            delivered += claimed;
        }

        return delivered;
    }

    /// <summary>Each call its own ISA13, so the intake does the whole work rather than answering a repeat.</summary>
    private byte[] Body() => Encoding.Latin1.GetBytes(_template.Replace(
        "*" + _controlNumber, "*" + Interlocked.Increment(ref _next).ToString("D9", CultureInfo.InvariantCulture), StringComparison.Ordinal));

    private static string SamplePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "837P-office-visit.x12");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/837P-office-visit.x12 was not found above " + AppContext.BaseDirectory);
    }
}
