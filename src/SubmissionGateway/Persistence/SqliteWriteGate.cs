using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace SubmissionGateway.Persistence;

/// <summary>
/// One writer at a time per SQLite database in this process, the others waiting in turn (FIFO, asynchronously).
/// SQLite allows one write transaction per file anyway; without a queue the losers of that race get SQLITE_BUSY and
/// Microsoft.Data.Sqlite retries them by blocking their thread in a sleep, which is what made the latency tail under
/// load. Writers in other processes (the CLI) still meet the busy retry; this only removes the contention it can see.
/// Not reentrant: a holder must not ask again for the same database (it would wait for itself).
/// </summary>
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _turn = new(1, 1);

    private SqliteWriteGate()
    {
    }

    /// <summary>The gate of the SQLite database <paramref name="connectionString"/> names; one per file in the process.</summary>
    public static SqliteWriteGate For(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return Gates.GetOrAdd(KeyOf(connectionString), static _ => new SqliteWriteGate());
    }

    /// <summary>Waits for this writer's turn; disposing the result ends it, on every path.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; no turn was taken.</exception>
    public async ValueTask<WriteTurn> EnterAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteTurn(_turn);
    }

    /// <summary>
    /// Files by full path, so two spellings of one file share a gate; in-memory databases by their whole connection
    /// string (a named shared-cache database is one database for every connection that names it).
    /// </summary>
    private static string KeyOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return "raw:" + connectionString;
        }

        return "file:" + Path.GetFullPath(source);
    }
}
