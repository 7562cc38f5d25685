using System.Globalization;
using System.Text;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>
/// `sgw ledger verify` reads rows straight into leaf inputs (SQLite through its statement API, PostgreSQL through a
/// forward-only reader) instead of through EF entities. These tests pin that the two readings hash alike and that a
/// row made unreadable is reported, not thrown.
/// </summary>
public sealed class StoredLedgerVerificationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Rows_of_every_kind_with_and_without_optional_fields_hash_as_their_entities(DatabaseProvider provider)
    {
        await using var fixture = await LedgerFixture.CreateAsync(provider, Ct);
        var disclosure = await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(1), Ct);
        await fixture.Ledger.RecordOutcomeAsync(disclosure.Sequence, DeliveryOutcome.Delivered, "HTTP 200: receipt R-1 — accepté", "worker-1", Ct);
        await fixture.Ledger.RecordIncidentAsync(disclosure.Sequence, "Misdirected", "Low probability of compromise.", "privacy-officer", Ct);
        fixture.Time.Advance(TimeSpan.FromTicks(1234567));
        await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(2, purpose: DisclosurePurpose.Appeal), Ct);
        (await fixture.Publisher.PublishAsync(Ct)).ShouldNotBeNull().TreeSize.ShouldBe(4);

        var stored = await fixture.VerifyAsync(Ct);

        stored.IsIntact.ShouldBeTrue(stored.Problem);
        stored.EntriesChecked.ShouldBe(4);
        var entities = new List<DisclosureEntry>();
        await foreach (var entry in DisclosureLedger.ReadAllAsync(fixture.Database.Factory, Ct))
        {
            entities.Add(entry);
        }

        var heads = new List<SignedTreeHead>();
        await foreach (var head in fixture.Archive.ReadAllAsync(Ct))
        {
            heads.Add(head);
        }

        new LedgerVerifier(heads, fixture.Verifier).Verify(entities).RootHash.ShouldBe(stored.RootHash);
    }

    [Fact]
    public async Task Recorded_time_that_is_no_longer_a_time_names_the_entry()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 6).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        await fixture.Publisher.PublishAsync(Ct);
        await fixture.Database.DropAppendOnlyGuardAsync(Ct);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "RecordedAt" = 'last tuesday' WHERE "Sequence" = 4""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(4);
        result.Problem!.ShouldContain("Entry 4 was altered");
    }

    [Fact]
    public async Task Earlier_altered_entry_is_reported_before_a_later_unreadable_one()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 6).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        await fixture.Publisher.PublishAsync(Ct);
        await fixture.Database.DropAppendOnlyGuardAsync(Ct);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "Actor" = 'someone-else' WHERE "Sequence" = 2""", Ct);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "RecordedAt" = 'never' WHERE "Sequence" = 5""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.FirstBadSequence.ShouldBe(2);
        result.Problem!.ShouldContain("its content no longer hashes");
    }

    [Fact]
    public async Task Stored_leaf_hash_of_the_wrong_length_names_the_entry()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 3).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        await fixture.Publisher.PublishAsync(Ct);
        await fixture.Database.DropAppendOnlyGuardAsync(Ct);
        // A 31-byte leaf hash: a stored hash of the wrong length never equals a recomputed one.
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "LeafHash" = substr("LeafHash", 1, 31) WHERE "Sequence" = 1""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.FirstBadSequence.ShouldBe(1);
    }

    [Theory]
    [InlineData("2026-03-02 14:30:00")]
    [InlineData("2026-03-02 14:30:00.1")]
    [InlineData("2026-03-02 14:30:00.123456")]
    [InlineData("2026-03-02 14:30:00.1234567")]
    [InlineData("2024-02-29 23:59:59.0000001")]
    [InlineData("2026-03-02T14:30:00.5")]
    [InlineData("2026-03-02 14:30:00.12345678")]
    public void Recorded_time_reads_as_the_invariant_parse_does(string stored)
    {
        SqliteLedgerRows.TryParseRecordedAt(Encoding.UTF8.GetBytes(stored), out var fast).ShouldBeTrue();

        fast.Ticks.ShouldBe(DateTime.Parse(stored, CultureInfo.InvariantCulture).Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("last tuesday")]
    [InlineData("2026-02-30 10:00:00")]
    [InlineData("2026-13-01 10:00:00")]
    public void Text_that_is_no_time_is_refused(string stored) =>
        SqliteLedgerRows.TryParseRecordedAt(Encoding.UTF8.GetBytes(stored), out _).ShouldBeFalse();
}
