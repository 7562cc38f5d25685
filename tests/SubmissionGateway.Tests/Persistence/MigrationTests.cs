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
}
