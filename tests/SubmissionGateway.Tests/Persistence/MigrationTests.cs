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
    public async Task A_deliverys_look_up_of_the_entries_sharing_its_payload_uses_the_submission_index_not_a_scan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        await using var db = database.Factory.CreateDbContext();
        // The outbox worker's query shape: entries after the delivered one, of its submission and payer.
        var sql = db.DisclosureEntries.AsNoTracking()
            .Where(e => e.Sequence > 5 && e.Sequence <= 100_005 && e.Kind == SubmissionGateway.Disclosures.DisclosureEntryKind.Disclosure
                && e.SubmissionId == "abc" && e.PayerId == "SGWPAYER01")
            .OrderBy(e => e.Sequence).ToQueryString();

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                plan.Add(reader.GetString(3));
            }
        }

        plan.ShouldContain(p => p.Contains("IX_disclosure_entries_SubmissionId_Sequence", StringComparison.Ordinal));
    }
}
