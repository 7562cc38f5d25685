using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SubmissionGateway.Persistence;

/// <summary>
/// Sets the per-connection pragmas on every SQLite connection the gateway opens: synchronous (durability), and a
/// memory map of the database file, so reading a page is a memory access instead of a read call and a copy into the
/// connection's own cache (which WAL mode empties whenever another connection has written).
/// </summary>
internal sealed class SqliteConnectionPragmas(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private const long MemoryMapBytes = 256L * 1024 * 1024;

    private readonly string _pragma = $"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()}; PRAGMA mmap_size={MemoryMapBytes};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
