using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Persistence;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrations_create_the_schema_and_match_the_model(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        await using var db = database.Factory.CreateDbContext();

        db.Database.HasPendingModelChanges().ShouldBeFalse("a model change without a migration for this provider");
        (await db.Database.GetPendingMigrationsAsync(ct)).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync(ct)).ShouldNotBeEmpty();
        (await db.DisclosureEntries.CountAsync(ct)).ShouldBe(0);
        (await db.OutboxItems.CountAsync(ct)).ShouldBe(0);
        (await db.AccessAuditEvents.CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Sqlite_database_is_in_wal_mode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        await using var db = database.Factory.CreateDbContext();

        var mode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync(ct);

        mode.ShouldBe("wal");
    }

    [Fact]
    public async Task Sqlite_connections_map_the_database_file_into_memory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        await using var db = database.Factory.CreateDbContext();

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA mmap_size;";
        var mapped = Convert.ToInt64(await pragma.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        mapped.ShouldBe(256L * 1024 * 1024);
    }

    [Fact]
    public async Task Sqlite_connections_keep_statement_journals_and_temporary_tables_in_memory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        await using var db = database.Factory.CreateDbContext();

        await db.Database.OpenConnectionAsync(ct);
        await using var pragma = db.Database.GetDbConnection().CreateCommand();
        pragma.CommandText = "PRAGMA temp_store;";
        var store = Convert.ToInt64(await pragma.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        store.ShouldBe(2, "2 is MEMORY: a multi-row write's statement journal never spills into a temporary file");
    }

    [Fact]
    public async Task A_deliverys_look_up_of_the_entries_sharing_its_payload_uses_the_submission_index_not_a_scan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        await using var db = database.Factory.CreateDbContext();
        // The outbox worker's own query: the disclosures of the batch's submissions.
        var query = SubmissionGateway.Forwarding.OutboxWorker.SubmissionDisclosures(db, ["0195f3a1c2d4", "0195f3a1c2d5"]).ToQueryString();

        var plan = await PlanAsync(db, query, ct);

        plan.ShouldContain(p => p.Contains("IX_disclosure_entries_SubmissionId_Sequence", StringComparison.Ordinal), string.Join(" | ", plan));
        plan.ShouldNotContain(p => p.StartsWith("SCAN disclosure_entries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_outbox_claim_reads_due_items_in_index_order_without_sorting_the_backlog()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        await using var db = database.Factory.CreateDbContext();
        var claim = string.Format(System.Globalization.CultureInfo.InvariantCulture,
            SubmissionGateway.Forwarding.OutboxWorker.SqliteClaim, "'token'", 2_000, 1_000, 16);

        var plan = await PlanAsync(db, claim, ct);

        plan.ShouldContain(p => p.Contains("IX_outbox_items_Status_NextAttemptAtMs", StringComparison.Ordinal), string.Join(" | ", plan));
        // A temporary B-tree here would sort every due item on every claim: a backlog would slow each delivery.
        plan.ShouldNotContain(p => p.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join(" | ", plan));
    }

    /// <summary>SQLite's plan for <paramref name="sql"/>; EF's <c>.param set</c> lines become bound parameters.</summary>
    private static async Task<List<string>> PlanAsync(GatewayDbContext db, string sql, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var explain = connection.CreateCommand();
        var statement = new List<string>();
        foreach (var line in sql.Split('\n'))
        {
            if (line.StartsWith(".param set ", StringComparison.Ordinal))
            {
                var parts = line[".param set ".Length..].Split(' ', 2);
                var parameter = explain.CreateParameter();
                parameter.ParameterName = parts[0];
                parameter.Value = parts[1].Trim('\'');
                explain.Parameters.Add(parameter);
            }
            else
            {
                statement.Add(line);
            }
        }

        explain.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', statement);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
