using Shouldly;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>
/// Ledgers longer than one verification batch (8,192 entries) and than one SQLite read range (32,768 entries, read on
/// connections of their own, side by side): findings must still name the first bad entry in sequence order.
/// </summary>
public sealed class LargeLedgerVerificationTests
{
    private const int Size = 70_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<LedgerFixture> LargeLedgerAsync()
    {
        var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        for (var start = 0; start < Size; start += 5_000)
        {
            await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(start, 5_000).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        }

        (await fixture.Publisher.PublishAsync(Ct)).ShouldNotBeNull().TreeSize.ShouldBe(Size);
        await fixture.Database.DropAppendOnlyGuardAsync(Ct);
        return fixture;
    }

    [Fact]
    public async Task An_intact_ledger_of_several_batches_verifies()
    {
        await using var fixture = await LargeLedgerAsync();

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeTrue(result.Problem);
        result.EntriesChecked.ShouldBe(Size);
    }

    [Fact]
    public async Task Edits_in_later_batches_name_the_first_edited_entry()
    {
        await using var fixture = await LargeLedgerAsync();
        // Two edits in different read ranges (the second and third): the earlier one is reported.
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "RecipientName" = 'Somebody Else' WHERE "Sequence" IN (40000, 66000)""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(40000);
        result.Problem!.ShouldContain("Entry 40000 was altered");
    }

    [Fact]
    public async Task An_edit_in_an_earlier_range_is_reported_before_an_unreadable_row_in_a_later_one()
    {
        await using var fixture = await LargeLedgerAsync();
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "Actor" = 'someone-else' WHERE "Sequence" = 30000""", Ct);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "RecordedAt" = 'never' WHERE "Sequence" = 50000""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.FirstBadSequence.ShouldBe(30000);
    }

    [Fact]
    public async Task A_row_deleted_from_the_last_batch_is_named()
    {
        await using var fixture = await LargeLedgerAsync();
        await fixture.Database.ExecuteAsync("""DELETE FROM disclosure_entries WHERE "Sequence" = 69999""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(69999);
    }
}
