using System.Security.Cryptography;
using System.Text.Json;
using Shouldly;
using SubmissionGateway.Cli;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

public sealed class LedgerCliTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await SgwCommand.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static async Task<(LedgerFixture Fixture, string KeyFile)> LedgerAsync()
    {
        var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 10).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        await fixture.Publisher.PublishAsync(Ct);
        var keyFile = Path.Combine(fixture.Database.Directory!, "ledger-public.pem");
        await File.WriteAllTextAsync(keyFile, PemEncoding.WriteString("PUBLIC KEY", fixture.Signer.ExportPublicKey()), Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (fixture, keyFile);
    }

    [Fact]
    public async Task Verify_reports_an_intact_ledger_and_names_an_edited_entry()
    {
        var (fixture, keyFile) = await LedgerAsync();
        await using var _ = fixture;

        var intact = await RunAsync("ledger", "verify", "--database", fixture.Database.SqlitePath, "--heads", fixture.HeadDirectory, "--public-key", keyFile);
        intact.Exit.ShouldBe(0, intact.Err);
        intact.Out.ShouldContain("ledger intact: 10 entries, 1 signed tree heads verified");

        await fixture.Database.DropAppendOnlyGuardAsync(Ct);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "Purpose" = 'HealthCareOperations' WHERE "Sequence" = 7""", Ct);
        var broken = await RunAsync("ledger", "verify", "--database", fixture.Database.SqlitePath, "--heads", fixture.HeadDirectory, "--public-key", keyFile);
        broken.Exit.ShouldBe(1);
        broken.Out.ShouldContain("first bad entry 7");
    }

    [Fact]
    public async Task Verify_with_a_missing_key_file_says_so_without_a_stack_trace()
    {
        var result = await RunAsync("ledger", "verify", "--database", "/nonexistent/x.db", "--heads", "/nonexistent", "--public-key", "/nonexistent/key.pem");

        result.Exit.ShouldBe(2);
        result.Err.ShouldContain("does not exist");
        result.Err.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Accounting_writes_csv_for_the_patient_and_period()
    {
        var (fixture, _) = await LedgerAsync();
        await using var __ = fixture;
        var keys = Path.Combine(fixture.Database.Directory!, "phi-keys.json");
        await File.WriteAllTextAsync(keys, JsonSerializer.Serialize(fixture.Keys, new JsonSerializerOptions(JsonSerializerDefaults.Web)), Ct);
        var output = Path.Combine(fixture.Database.Directory!, "accounting.csv");

        var result = await RunAsync("accounting", "--database", fixture.Database.SqlitePath, "--phi-keys", keys,
            "--member-id", Patients.Ada.MemberId, "--birth-date", "1961-07-19", "--from", "2026-01-01", "--to", "2027-01-01",
            "--purpose", "Payment", "--format", "csv", "--output", output);

        result.Exit.ShouldBe(0, result.Err);
        result.Out.ShouldContain("10 ledger entries written");
        var lines = await File.ReadAllLinesAsync(output, Ct);
        lines.Length.ShouldBe(11);
        lines[1].ShouldContain(Patients.Ada.Name);
        File.Exists(output + ".partial").ShouldBeFalse();
    }

    [Theory]
    [InlineData("2027-01-01")]
    [InlineData("9999-12-31")] // the last day a date can name: the period runs to the end of time (the day after it was a crash)
    public async Task Accounting_streams_json_to_standard_output(string to)
    {
        var (fixture, _) = await LedgerAsync();
        await using var __ = fixture;
        var keys = Path.Combine(fixture.Database.Directory!, "phi-keys.json");
        await File.WriteAllTextAsync(keys, JsonSerializer.Serialize(fixture.Keys, new JsonSerializerOptions(JsonSerializerDefaults.Web)), Ct);

        var result = await RunAsync("accounting", "--database", fixture.Database.SqlitePath, "--phi-keys", keys,
            "--member-id", Patients.Ada.MemberId, "--birth-date", "1961-07-19", "--from", "2026-01-01", "--to", to);

        result.Exit.ShouldBe(0, result.Err);
        using var doc = JsonDocument.Parse(result.Out);
        doc.RootElement.GetArrayLength().ShouldBe(10);
        doc.RootElement[0].GetProperty("patient").GetString().ShouldBe(Patients.Ada.Name);
    }
}
