using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Persistence;

public sealed class SqliteWriteGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewFile() => $"Data Source={Path.Combine(Path.GetTempPath(), "sgw-gate-tests", Guid.NewGuid().ToString("N"), "gateway.db")}";

    [Fact]
    public async Task Writers_take_turns_one_at_a_time_in_the_order_they_arrived()
    {
        var gate = SqliteWriteGate.For(NewFile());
        var first = await gate.EnterAsync(Ct);
        var second = gate.EnterAsync(Ct).AsTask();
        var third = gate.EnterAsync(Ct).AsTask();
        await Task.Delay(50, Ct);
        second.IsCompleted.ShouldBeFalse("the turn is held");
        third.IsCompleted.ShouldBeFalse("the turn is held");

        await first.DisposeAsync();
        var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Task.Delay(50, Ct);
        third.IsCompleted.ShouldBeFalse("only the writer that came first gets the freed turn");

        secondTurn.Dispose();
        secondTurn.Dispose();
        var thirdTurn = await third.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var fourth = gate.EnterAsync(Ct).AsTask();
        await Task.Delay(50, Ct);
        fourth.IsCompleted.ShouldBeFalse("ending a turn twice ends it once: the third still holds the gate");
        thirdTurn.Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public async Task A_writer_cancelled_while_waiting_takes_no_turn_and_the_next_one_still_gets_it()
    {
        var gate = SqliteWriteGate.For(NewFile());
        var holder = await gate.EnterAsync(Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var cancelled = gate.EnterAsync(cancel.Token).AsTask();
        var next = gate.EnterAsync(Ct).AsTask();
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);

        holder.Dispose();
        var turn = await next.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        turn.Dispose();
        (await gate.EnterAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public void Two_spellings_of_one_file_share_a_gate_and_two_files_do_not()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sgw-gate-tests", Guid.NewGuid().ToString("N"));
        var one = SqliteWriteGate.For($"Data Source={Path.Combine(folder, "gateway.db")}");
        SqliteWriteGate.For($"Data Source={Path.Combine(folder, "sub", "..", "gateway.db")};Pooling=False").ShouldBeSameAs(one);
        SqliteWriteGate.For($"Data Source={Path.Combine(folder, "other.db")}").ShouldNotBeSameAs(one);
    }

    [Fact]
    public async Task A_turn_ended_by_an_exception_is_given_back()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var db = database.Factory.CreateDbContext();
            await using var turn = await db.TakeWriteTurnAsync(Ct);
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            throw new InvalidOperationException("a failure half-way through a write");
        });

        await using var again = database.Factory.CreateDbContext();
        var next = await again.TakeWriteTurnAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await next.DisposeAsync();
    }

    [Fact]
    public void PostgreSql_writers_are_not_queued()
    {
        // No server is needed: the turn is decided by the provider, before any connection is opened.
        var factory = new GatewayDbContextFactory(new PersistenceOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=none" });
        using var one = factory.CreateDbContext();
        using var two = factory.CreateDbContext();
        one.TakeWriteTurnAsync(Ct).IsCompletedSuccessfully.ShouldBeTrue();
        two.TakeWriteTurnAsync(Ct).IsCompletedSuccessfully.ShouldBeTrue("PostgreSQL keeps its own row locks and real concurrency");
    }

    [Fact]
    public async Task Many_concurrent_writers_queue_for_the_file_instead_of_timing_out_on_its_lock()
    {
        // A one-second busy timeout and 30 writers that each hold the write lock for 50 ms: racing for SQLite's lock,
        // the last ones would wait longer than the timeout and fail with "database is locked". Queued, all commit.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var factory = new GatewayDbContextFactory(new PersistenceOptions
        {
            ConnectionString = $"Data Source={database.SqlitePath};Pooling=False;Default Timeout=1",
        });
        const int Writers = 30;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            await using var db = factory.CreateDbContext();
            if (writer % 2 == 0)
            {
                await using var turn = await db.TakeWriteTurnAsync(Ct);
                await using var transaction = await db.Database.BeginTransactionAsync(Ct);
                await db.Set<ControlNumberCounter>().Where(c => c.Name == ControlNumberCounter.Interchanges)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + 1), Ct);
                await Task.Delay(50, Ct);
                await transaction.CommitAsync(Ct);
            }
            else
            {
                // A save outside a transaction takes its own turn.
                db.AccessAuditEvents.Add(new AccessAuditEvent
                {
                    OccurredAt = DateTime.UtcNow, Actor = $"writer-{writer}", Action = AccessAction.Read, ResourceType = "test", ResourceId = $"{writer}",
                });
                await db.SaveChangesAsync(Ct);
            }
        }, Ct)));

        await using var check = factory.CreateDbContext();
        (await check.Set<ControlNumberCounter>().SingleAsync(c => c.Name == ControlNumberCounter.Interchanges, Ct)).Value
            .ShouldBe(Writers / 2 + await InitialCounterAsync(), "every transaction committed");
        (await check.AccessAuditEvents.CountAsync(Ct)).ShouldBe(Writers / 2, "every save committed");
    }

    private static async Task<long> InitialCounterAsync()
    {
        await using var fresh = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await using var db = fresh.Factory.CreateDbContext();
        return (await db.Set<ControlNumberCounter>().SingleAsync(c => c.Name == ControlNumberCounter.Interchanges, Ct)).Value;
    }
}
