using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>Appends that arrive together share one transaction, and one caller's failure stays that caller's.</summary>
public sealed class GroupCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Appends_arriving_together_share_a_transaction_and_every_entry_gets_its_own_gapless_sequence(DatabaseProvider provider)
    {
        await using var fixture = await LedgerFixture.CreateAsync(provider, Ct);
        // Each reading of the clock moves it on: a transaction reads it once for all its entries, so entries that
        // share a timestamp were written by one transaction.
        fixture.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);

        // The first append holds its transaction open until the others have queued behind it.
        var release = new TaskCompletionSource();
        var first = fixture.Ledger.AppendWithOthersAsync([fixture.Ledger.Draft(LedgerFixture.Record(0))], async (_, _, _) =>
        {
            await release.Task;
            return true;
        }, Ct);
        var others = Enumerable.Range(1, 39).Select(n => Task.Run(() => fixture.Ledger.AppendWithOthersAsync(
            [fixture.Ledger.Draft(LedgerFixture.Record(n))], (_, _, _) => Task.FromResult(true), Ct), Ct)).ToList();
        await Task.Delay(300, Ct);
        release.SetResult();
        var written = await Task.WhenAll([first, .. others]);

        written.SelectMany(w => w).Select(e => e.Sequence).Order().ShouldBe(Enumerable.Range(0, 40).Select(i => (long)i));
        await using (var db = fixture.Database.Factory.CreateDbContext())
        {
            var transactions = await db.DisclosureEntries.GroupBy(e => e.RecordedAt).Select(g => g.Count()).ToListAsync(Ct);
            transactions.Sum().ShouldBe(40);
            transactions.Max().ShouldBeGreaterThan(1, "appends that waited behind the first must share a transaction");
        }

        (await fixture.VerifyAsync(Ct)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task The_shared_transaction_runs_in_no_callers_ambient_context()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var ambient = new AsyncLocal<string?>();
        string? seenByWork = "not run";

        ambient.Value = "the first caller's request";
        await fixture.Ledger.AppendWithOthersAsync([fixture.Ledger.Draft(LedgerFixture.Record(0))], (_, _, _) =>
        {
            seenByWork = ambient.Value;
            return Task.FromResult(true);
        }, Ct);

        seenByWork.ShouldBeNull("the drain serves every caller's appends, so it must not carry one caller's state");
    }

    [Fact]
    public async Task A_failing_append_in_a_shared_transaction_fails_alone_and_the_others_are_committed()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var release = new TaskCompletionSource();
        var first = fixture.Ledger.AppendWithOthersAsync([fixture.Ledger.Draft(LedgerFixture.Record(0))], async (_, _, _) =>
        {
            await release.Task;
            return true;
        }, Ct);
        var failing = Task.Run(() => fixture.Ledger.AppendWithOthersAsync(
            [fixture.Ledger.Draft(LedgerFixture.Record(1))], (_, _, _) => throw new InvalidOperationException("this caller's rows are refused"), Ct), Ct);
        var declining = Task.Run(() => fixture.Ledger.AppendWithOthersAsync(
            [fixture.Ledger.Draft(LedgerFixture.Record(2))], (_, _, _) => Task.FromResult(false), Ct), Ct);
        var fine = Enumerable.Range(3, 5).Select(n => Task.Run(() => fixture.Ledger.AppendWithOthersAsync(
            [fixture.Ledger.Draft(LedgerFixture.Record(n))], (db, entries, _) =>
            {
                // Rows added beside the entries are committed with them.
                db.OutboxItems.Add(OutboxRow(entries[0].Sequence, $"key-{n}"));
                return Task.FromResult(true);
            }, Ct), Ct)).ToList();
        await Task.Delay(300, Ct);
        release.SetResult();

        (await Should.ThrowAsync<InvalidOperationException>(() => failing)).Message.ShouldContain("refused");
        (await declining).ShouldBeEmpty();
        (await first).ShouldHaveSingleItem();
        var committed = (await Task.WhenAll(fine)).Select(w => w.ShouldHaveSingleItem()).ToList();

        await using var db = fixture.Database.Factory.CreateDbContext();
        (await db.DisclosureEntries.CountAsync(Ct)).ShouldBe(6);
        (await db.OutboxItems.Select(o => o.DisclosureSequence).OrderBy(s => s).ToListAsync(Ct)).ShouldBe(committed.Select(e => e.Sequence).Order());
        (await fixture.VerifyAsync(Ct)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_caller_cancelled_before_queueing_writes_nothing()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => fixture.Ledger.AppendWithOthersAsync(
            [fixture.Ledger.Draft(LedgerFixture.Record(0))], (_, _, _) => Task.FromResult(true), cancelled.Token));

        await using var db = fixture.Database.Factory.CreateDbContext();
        (await db.DisclosureEntries.CountAsync(Ct)).ShouldBe(0);
    }

    private static OutboxItem OutboxRow(long sequence, string key) => new()
    {
        DisclosureSequence = sequence,
        PayerId = "ACME",
        TransactionType = "837",
        IdempotencyKey = key,
        PayloadReference = new string('0', 32),
        ContentType = "application/edi-x12",
        PayloadSize = 10,
        PayloadSha256 = new string('a', 64),
        Status = OutboxStatus.Pending,
    };
}
