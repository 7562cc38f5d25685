using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.PhiFields;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>
/// Several OS processes append to one ledger at once. The child processes are this test assembly started again
/// with -method, running <see cref="Appends_when_started_as_a_writer_process"/> against the parent's database.
/// </summary>
public sealed class MultiProcessLedgerTests
{
    private const string ProviderVariable = "SGW_LEDGER_WRITER_PROVIDER";
    private const string ConnectionVariable = "SGW_LEDGER_WRITER_CONNECTION";
    private const int Processes = 3;
    private const int AppendsPerProcess = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Writers_in_separate_processes_keep_one_gapless_verifiable_ledger(DatabaseProvider provider)
    {
        await using var fixture = await LedgerFixture.CreateAsync(provider, Ct);
        var assembly = typeof(MultiProcessLedgerTests).Assembly.Location;
        var method = $"{typeof(MultiProcessLedgerTests).FullName}.{nameof(Appends_when_started_as_a_writer_process)}";

        var children = Enumerable.Range(0, Processes).Select(_ =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(assembly);
            start.ArgumentList.Add("-method");
            start.ArgumentList.Add(method);
            start.Environment[ProviderVariable] = provider.ToString();
            start.Environment[ConnectionVariable] = fixture.Database.ConnectionString;
            return Process.Start(start)!;
        }).ToList();
        foreach (var child in children)
        {
            var output = await child.StandardOutput.ReadToEndAsync(Ct);
            await child.WaitForExitAsync(Ct);
            child.ExitCode.ShouldBe(0, output);
            child.Dispose();
        }

        await using var db = fixture.Database.Factory.CreateDbContext();
        var sequences = await db.DisclosureEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct);
        sequences.ShouldBe(Enumerable.Range(0, Processes * AppendsPerProcess).Select(i => (long)i));
        (await db.DisclosureEntries.Select(e => e.SubmissionId).Distinct().CountAsync(Ct)).ShouldBe(Processes, "every process wrote");
        (await fixture.Publisher.PublishAsync(Ct)).ShouldNotBeNull();
        (await fixture.VerifyAsync(Ct)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task Appends_when_started_as_a_writer_process()
    {
        var provider = Environment.GetEnvironmentVariable(ProviderVariable);
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (provider is null || connection is null)
        {
            Assert.Skip("Runs only as a child of the multi-process ledger test.");
        }

        var factory = new GatewayDbContextFactory(new PersistenceOptions { Provider = Enum.Parse<DatabaseProvider>(provider), ConnectionString = connection });
        var keys = TestPhiKeys.Options();
        var ledger = new DisclosureLedger(factory, new PhiFieldProtector(keys), new PatientBlindIndex(keys), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var me = $"SUB-PID-{Environment.ProcessId}";
        for (var n = 0; n < AppendsPerProcess; n++)
        {
            await ledger.RecordDisclosureAsync(LedgerFixture.Record(n) with { SubmissionId = me }, Ct);
        }

        (await ledger.FindAsync(0, Ct)).ShouldNotBeNull();
    }
}
