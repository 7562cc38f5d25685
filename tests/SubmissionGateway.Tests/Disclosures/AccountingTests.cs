using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

public sealed class AccountingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(LedgerFixture Fixture, DisclosureAccounting Accounting)> SeedAsync(DatabaseProvider provider)
    {
        var fixture = await LedgerFixture.CreateAsync(provider, Ct);
        var first = await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(1), Ct);
        await fixture.Ledger.RecordOutcomeAsync(first.Sequence, DeliveryOutcome.Delivered, "HTTP 200: R-1", "worker", Ct);
        await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(2, Patients.Bertram), Ct);
        fixture.Time.Advance(TimeSpan.FromDays(40));
        await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(3, purpose: DisclosurePurpose.Appeal), Ct);
        fixture.Time.Advance(TimeSpan.FromDays(400));
        await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(4), Ct);
        return (fixture, new DisclosureAccounting(fixture.Database.Factory, fixture.Index, fixture.Ledger));
    }

    private static AccountingQuery AdaIn2026(DisclosurePurpose? purpose = null) => new(
        "zqf 4417 0093", Patients.Ada.BirthDate,
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), purpose);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Accounting_finds_one_patient_in_the_period_with_outcomes(DatabaseProvider provider)
    {
        var (fixture, accounting) = await SeedAsync(provider);
        await using var _ = fixture;

        var lines = await accounting.StreamAsync(AdaIn2026(), Ct).ToListAsync(Ct);

        lines.Select(l => l.SubmissionId).ShouldBe(["SUB-00001", "SUB-00001", "SUB-00003"]);
        lines.ShouldAllBe(l => l.PatientName == Patients.Ada.Name);
        lines[1].Kind.ShouldBe(DisclosureEntryKind.DeliveryOutcome);
        lines[0].RecipientAddress.ShouldBe("1 Plan Way, Springfield, IL 62701");
    }

    [Fact]
    public async Task Purpose_filter_keeps_only_that_purpose()
    {
        var (fixture, accounting) = await SeedAsync(DatabaseProvider.Sqlite);
        await using var _ = fixture;

        var lines = await accounting.StreamAsync(AdaIn2026(DisclosurePurpose.Appeal), Ct).ToListAsync(Ct);

        lines.Single().SubmissionId.ShouldBe("SUB-00003");
    }

    [Fact]
    public async Task Json_and_csv_carry_the_164_528_fields()
    {
        var (fixture, accounting) = await SeedAsync(DatabaseProvider.Sqlite);
        await using var _ = fixture;

        using var json = new MemoryStream();
        (await AccountingWriter.WriteJsonAsync(accounting.StreamAsync(AdaIn2026(), Ct), json, Ct)).ShouldBe(3);
        using var doc = JsonDocument.Parse(json.ToArray());
        var first = doc.RootElement[0];
        first.GetProperty("recipient").GetString().ShouldBe("Acme Health Plan");
        first.GetProperty("purpose").GetString().ShouldBe("Payment");
        first.GetProperty("actor").GetString().ShouldBe("billing-system-7");
        first.GetProperty("description").GetProperty("claimIds")[0].GetString().ShouldBe("CLM-00001");
        first.GetProperty("recordedAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero));

        using var csv = new MemoryStream();
        await AccountingWriter.WriteCsvAsync(accounting.StreamAsync(AdaIn2026(), Ct), csv, Ct);
        var rows = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(4);
        rows[0].ShouldStartWith("sequence,recorded_at,kind");
        rows[1].ShouldContain("\"1 Plan Way, Springfield, IL 62701\"");
    }

    [Fact]
    public void Csv_cells_are_quoted_and_formulas_defused()
    {
        AccountingWriter.Cell("=HYPERLINK(\"x\")").ShouldBe("\"'=HYPERLINK(\"\"x\"\")\"");
        AccountingWriter.Cell("plain").ShouldBe("plain");
        AccountingWriter.Cell(null).ShouldBe("");
    }

    [Fact]
    public async Task Review_flags_after_hours_volume_and_closed_requests()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero)); // Monday
        var log = new AccessAuditLog(fixture.Database.Factory, time);
        await log.RecordAsync("coder-ann", AccessAction.Read, "attachment-request", "AR-1", "assigned", false, Ct);
        time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero));
        var night = await log.RecordAsync("coder-ann", AccessAction.Read, "attachment-request", "AR-2", "assigned", false, Ct);
        time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var closed = await log.RecordAsync("coder-ann", AccessAction.Read, "attachment-request", "AR-1", "follow-up", true, Ct);
        for (var i = 0; i < 12; i++)
        {
            await log.RecordAsync("coder-bob", AccessAction.Read, "claim", $"CLM-{i}", "browsing", false, Ct);
        }

        await log.RecordAsync("intruder", AccessAction.Write, "claim", "CLM-1", "", false, Ct);
        var monToFri = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var review = new AccessReview(log, Options.Create(new AccessReviewOptions { VolumeFactor = 3 }));

        var findings = await review.ReviewAsync(
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero),
            [
                new StaffProfile("coder-ann", new TimeOnly(8, 0), new TimeOnly(18, 0), monToFri, TimeZoneInfo.Utc, 5),
                new StaffProfile("coder-bob", new TimeOnly(8, 0), new TimeOnly(18, 0), monToFri, TimeZoneInfo.Utc, 2),
            ],
            Ct);

        findings.Single(f => f.Flag == AccessReviewFlag.OutsideWorkingHours).EventIds.ShouldBe([night.Id]);
        findings.Single(f => f.Flag == AccessReviewFlag.ReaccessToClosedRequest).EventIds.ShouldBe([closed.Id]);
        findings.Single(f => f.Flag == AccessReviewFlag.VolumeAboveAssignedQueue).Actor.ShouldBe("coder-bob");
        findings.Single(f => f.Flag == AccessReviewFlag.UnknownActor).Actor.ShouldBe("intruder");
    }
}
