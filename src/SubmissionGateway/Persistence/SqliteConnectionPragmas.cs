using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SubmissionGateway.Persistence;

/// <summary>
/// Sets the per-connection pragmas on every SQLite connection the gateway opens: synchronous (durability); a memory
/// map of the database file, so reading a page is a memory access instead of a read call and a copy into the
/// connection's own cache (which WAL mode empties whenever another connection has written); and temporary storage in
/// memory, so the statement journal a multi-row write keeps for its own rollback is not spilled into a temporary
/// file (created, written and deleted within each transaction: about as many bytes as the write-ahead log itself).
/// Pooled connections keep their settings, so each native connection is set up once, not on every open.
/// </summary>
internal sealed class SqliteConnectionPragmas(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private const long MemoryMapBytes = 256L * 1024 * 1024;

    private readonly string _pragma = (synchronous == SqliteSynchronous.Full ? "" : $"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()}; ")
        + $"PRAGMA mmap_size={MemoryMapBytes}; PRAGMA temp_store=MEMORY;";

    private readonly ConditionalWeakTable<object, object> _prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsPrepared(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
        MarkPrepared(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsPrepared(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        MarkPrepared(connection);
    }

    private bool IsPrepared(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && _prepared.TryGetValue(handle, out _);

    private void MarkPrepared(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _prepared.AddOrUpdate(handle, handle);
        }
    }
}
