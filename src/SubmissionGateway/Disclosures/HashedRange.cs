using Microsoft.Data.Sqlite;

namespace SubmissionGateway.Disclosures;

/// <summary>One range of a SQLite ledger, read on its own connection and hashed; what stopped it, if a row was unreadable.</summary>
internal sealed record HashedRange(IReadOnlyList<HashedRows> Parts, string? Unreadable)
{
    private const int PartSize = 8192;

    public static HashedRange Read(string connectionString, long from, long to, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var rows = new SqliteLedgerRows(connection, from, to);
        var parts = new List<HashedRows>();
        var batch = new LedgerLeafBatch(PartSize);
        while (rows.TryRead(batch, out var unreadable))
        {
            if (unreadable is not null)
            {
                parts.Add(HashedRows.Of(batch));
                return new HashedRange(parts, unreadable);
            }

            if (batch.IsFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                parts.Add(HashedRows.Of(batch));
                batch.Clear();
            }
        }

        parts.Add(HashedRows.Of(batch));
        return new HashedRange(parts, null);
    }
}
