using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;
using SubmissionGateway.Tests.Persistence;

namespace SubmissionGateway.Tests.Intake;

public sealed class ControlNumbersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ControlNumbers Replica(TestDatabase database, int block) =>
        new(database.Factory, Options.Create(new IntakeOptions { ControlNumberBlock = block }));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Numbers_from_concurrent_replicas_and_from_a_restarted_process_never_repeat(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        // Two replicas sharing the database, each handing out from its own blocks, many callers at once; then a
        // "restarted" process (a new instance, nothing in memory) on the same counter.
        var replicas = new[] { Replica(database, 16), Replica(database, 16) };
        var ranges = new System.Collections.Concurrent.ConcurrentBag<(long First, int Count)>();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var count = 1 + (i % 7);
            ranges.Add((await replicas[i % 2].ReserveAsync(count, Ct), count));
        }, Ct)));
        var beforeRestart = ranges.Max(r => r.First + r.Count - 1);

        var restarted = Replica(database, 16);
        var afterRestart = await restarted.ReserveAsync(3, Ct);
        afterRestart.ShouldBeGreaterThan(beforeRestart, "a restarted process starts past every block handed out before");
        ranges.Add((afterRestart, 3));
        ranges.Add((await Replica(database, 1).ReserveAsync(2, Ct), 2));
        ranges.Add((await restarted.ReserveAsync(40, Ct), 40));

        var numbers = ranges.SelectMany(r => Enumerable.Range(0, r.Count).Select(k => r.First + k)).ToList();
        numbers.Count.ShouldBe(ranges.Sum(r => r.Count));
        numbers.Distinct().Count().ShouldBe(numbers.Count, "no control number is handed out twice");
    }

    [Fact]
    public async Task A_block_is_handed_out_consecutively_and_a_short_remainder_is_skipped_not_reused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var numbers = Replica(database, 10);
        var first = await numbers.ReserveAsync(4, Ct);
        (await numbers.ReserveAsync(4, Ct)).ShouldBe(first + 4, "served from the block in memory");
        var third = await numbers.ReserveAsync(4, Ct);
        third.ShouldBe(first + 10, "two numbers were left, fewer than asked: a new block, the two left as a gap");
        (await numbers.ReserveAsync(25, Ct)).ShouldBe(first + 20, "larger than a block: taken whole from the counter");
        (await numbers.ReserveAsync(6, Ct)).ShouldBe(third + 4, "the block in memory is still used after a large reservation");
    }

    [Fact]
    public async Task A_block_of_one_takes_every_number_from_the_counter()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var one = Replica(database, 1);
        var other = Replica(database, 1);
        var first = await one.ReserveAsync(2, Ct);
        (await other.ReserveAsync(1, Ct)).ShouldBe(first + 2);
        (await one.ReserveAsync(1, Ct)).ShouldBe(first + 3);
    }
}
