using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Persistence;

public sealed class SqliteSynchronousTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, 2L)]
    [InlineData(SqliteSynchronous.Full, 2L)]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    public async Task Every_connection_syncs_as_configured_and_full_is_the_default(SqliteSynchronous? choice, long expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var options = new PersistenceOptions { ConnectionString = $"Data Source={database.SqlitePath}" };
        if (choice is { } chosen)
        {
            options.SqliteSynchronous = chosen;
        }

        var factory = new GatewayDbContextFactory(options);
        for (var connection = 0; connection < 2; connection++)
        {
            await using var db = factory.CreateDbContext();
            (await db.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync(Ct)).Single()
                .ShouldBe(expected, "0 OFF, 1 NORMAL, 2 FULL: a pooled or a fresh connection alike");
        }
    }
}
