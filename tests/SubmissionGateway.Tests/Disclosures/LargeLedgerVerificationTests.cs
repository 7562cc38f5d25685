using Shouldly;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>
/// Ledgers longer than one verification batch (8,192 entries), so rows are read from the database while earlier
/// batches are being hashed: findings must still name the first bad entry in sequence order.
/// </summary>
public sealed class LargeLedgerVerificationTests
{
    private const int Size = 20_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<LedgerFixture> LargeLedgerAsync()
    {
        var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        for (var start = 0; start < Size; start += 2_000)
        {
            await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(start, 2_000).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
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
        // Two edits in different batches (the second and third): the earlier one is reported.
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "RecipientName" = 'Somebody Else' WHERE "Sequence" IN (9000, 17000)""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(9000);
        result.Problem!.ShouldContain("Entry 9000 was altered");
    }

    [Fact]
    public async Task A_row_deleted_from_the_last_batch_is_named()
    {
        await using var fixture = await LargeLedgerAsync();
        await fixture.Database.ExecuteAsync("""DELETE FROM disclosure_entries WHERE "Sequence" = 19999""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(19999);
    }
}
