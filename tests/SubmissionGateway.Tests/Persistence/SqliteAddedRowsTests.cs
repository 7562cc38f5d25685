using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.Claims;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Persistence;

public sealed class SqliteAddedRowsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IndexedClaim Claim(string submissionId) => new()
    {
        SubmissionId = submissionId,
        SubmitterId = "SGWDEMOBILLING",
        ClaimId = "SGW-CLAIM-0042",
        PayerId = "SGWPAYER01",
        PatientIndex = [1, 2, 3, 4],
        PatientCiphertext = [9, 8, 7],
        ServiceFrom = new DateOnly(2026, 11, 1),
        ServiceTo = new DateOnly(2026, 11, 3),
        TotalCharge = 1234.56m,
        PayerClaimControlNumber = null,
        DeliveryStatus = ClaimDeliveryStatus.NoPayerRoute,
        ForwardKey = "SGW000123:abc",
        IndexedAt = new DateTime(2026, 11, 26, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567),
        Attachments =
        [
            new ClaimAttachment { ReportType = "OZ", TransmissionCode = "EL", ControlNumber = "SGWATT0001" },
            new ClaimAttachment { ReportType = "09", TransmissionCode = "FX", ControlNumber = "SGWATT0002" },
        ],
    };

    private static async Task<List<Dictionary<string, (object Value, string StorageType)>>> RowsAsync(
        TestDatabase database, string table, string orderBy, params string[] skip)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY {orderBy}";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, (object, string)>>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new Dictionary<string, (object, string)>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!skip.Contains(reader.GetName(i)))
                {
                    var value = reader.GetValue(i);
                    row[reader.GetName(i)] = (value is byte[] bytes ? Convert.ToHexString(bytes) : value, reader.GetDataTypeName(i));
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task Added_rows_are_stored_exactly_as_SaveChanges_stores_them_and_dependents_point_at_their_new_principal()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var bySaveChanges = Claim("by-save-changes");
        await using (var db = database.Factory.CreateDbContext())
        {
            db.Set<IndexedClaim>().Add(bySaveChanges);
            await db.SaveChangesAsync(Ct);
        }

        var byPreparedInserts = Claim("by-prepared-inserts");
        await using (var db = database.Factory.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Set<IndexedClaim>().Add(byPreparedInserts);
            await SqliteAddedRows.SaveAsync(db, Ct);
            await transaction.CommitAsync(Ct);
            db.ChangeTracker.Entries().ShouldBeEmpty("the written rows leave the change tracker, so SaveChanges cannot write them twice");
        }

        // The ids SQLite assigned are on the objects, and each attachment points at its own claim.
        byPreparedInserts.Id.ShouldBe(bySaveChanges.Id + 1);
        byPreparedInserts.Attachments.ShouldAllBe(a => a.ClaimId == byPreparedInserts.Id && a.Id > 0);
        var claims = await RowsAsync(database, "claims", "Id", "Id", "SubmissionId");
        claims.Count.ShouldBe(2);
        foreach (var (column, stored) in claims[0])
        {
            claims[1][column].ShouldBe(stored, $"column {column}: same value and the same SQLite storage type as SaveChanges wrote");
        }

        var attachments = await RowsAsync(database, "claim_attachments", "Id", "Id");
        attachments.Select(a => (long)a["ClaimId"].Value).ShouldBe([bySaveChanges.Id, bySaveChanges.Id, byPreparedInserts.Id, byPreparedInserts.Id]);
        attachments.Select(a => (string)a["ControlNumber"].Value).ShouldBe(["SGWATT0001", "SGWATT0002", "SGWATT0001", "SGWATT0002"]);

        await using (var db = database.Factory.CreateDbContext())
        {
            var read = await db.Set<IndexedClaim>().Include(c => c.Attachments).SingleAsync(c => c.SubmissionId == "by-prepared-inserts", Ct);
            read.TotalCharge.ShouldBe(1234.56m);
            read.IndexedAt.ShouldBe(byPreparedInserts.IndexedAt);
            read.DeliveryStatus.ShouldBe(ClaimDeliveryStatus.NoPayerRoute);
            read.Attachments.Count.ShouldBe(2);
        }
    }

    [Fact]
    public async Task Every_row_a_submission_or_a_delivery_adds_takes_the_prepared_inserts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await using var db = database.Factory.CreateDbContext();
        // One row type falling back (an owned type, a base class, a self-reference) would send whole group commits
        // back through SaveChanges: correct still, but the writer held several times longer.
        foreach (var type in new[]
                 {
                     typeof(Submission), typeof(IndexedClaim), typeof(ClaimAttachment), typeof(SubmissionGateway.Disclosures.DisclosureEntry),
                     typeof(SubmissionGateway.Forwarding.OutboxItem), typeof(SubmissionGateway.Protection.Attachments.InlinePayload),
                 })
        {
            SqliteAddedRows.TakesPreparedInserts(db.Model.FindEntityType(type)!).ShouldBeTrue(type.Name);
        }
    }

    [Fact]
    public async Task A_row_a_unique_index_refuses_fails_as_SaveChanges_would_and_the_transaction_keeps_nothing_of_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        Submission Posted(string id) => new()
        {
            Id = id,
            SubmitterId = "SGWDEMOBILLING",
            InterchangeControlNumber = "000000042",
            ReceivedAt = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc),
            OriginalPayload = "payload-" + id,
            ResultCiphertext = [1],
        };

        await using (var db = database.Factory.CreateDbContext())
        {
            db.Set<Submission>().Add(Posted("first"));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.Factory.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Set<IndexedClaim>().Add(Claim("second"));
            db.Set<Submission>().Add(Posted("second"));
            var refused = await Should.ThrowAsync<DbUpdateException>(() => SqliteAddedRows.SaveAsync(db, Ct));
            refused.InnerException.ShouldBeOfType<SqliteException>().SqliteErrorCode.ShouldBe(19, "SQLITE_CONSTRAINT");
        }

        await using (var db = database.Factory.CreateDbContext())
        {
            (await db.Set<Submission>().Select(s => s.Id).ToListAsync(Ct)).ShouldBe(["first"]);
            (await db.Set<IndexedClaim>().CountAsync(Ct)).ShouldBe(0, "the claim written before the refusal went with the rolled-back transaction");
        }
    }

    [Fact]
    public async Task Changed_rows_saved_alongside_go_through_SaveChanges_in_the_same_transaction()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await using (var db = database.Factory.CreateDbContext())
        {
            db.Set<IndexedClaim>().Add(Claim("earlier"));
            await db.SaveChangesAsync(Ct);
        }

        async Task ChangeAndAddAsync(bool commit)
        {
            await using var db = database.Factory.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var earlier = await db.Set<IndexedClaim>().SingleAsync(Ct);
            earlier.DeliveryStatus = ClaimDeliveryStatus.Queued;
            db.Set<IndexedClaim>().Add(Claim("later"));
            await SqliteAddedRows.SaveAsync(db, Ct);
            db.ChangeTracker.HasChanges().ShouldBeFalse();
            await (commit ? transaction.CommitAsync(Ct) : transaction.RollbackAsync(Ct));
        }

        await ChangeAndAddAsync(commit: false);

        await using (var db = database.Factory.CreateDbContext())
        {
            (await db.Set<IndexedClaim>().Select(c => c.DeliveryStatus).ToListAsync(Ct))
                .ShouldBe([ClaimDeliveryStatus.NoPayerRoute], "both the change and the new row were in the transaction rolled back");
        }

        await ChangeAndAddAsync(commit: true);

        await using (var db = database.Factory.CreateDbContext())
        {
            (await db.Set<IndexedClaim>().OrderBy(c => c.Id).Select(c => new { c.SubmissionId, c.DeliveryStatus }).ToListAsync(Ct))
                .Select(c => $"{c.SubmissionId} {c.DeliveryStatus}").ShouldBe(["earlier Queued", "later NoPayerRoute"]);
        }
    }
}
