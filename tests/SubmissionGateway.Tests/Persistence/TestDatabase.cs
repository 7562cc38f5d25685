using Microsoft.EntityFrameworkCore;
using Npgsql;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Persistence;

/// <summary>A fresh, migrated database on a real provider: a SQLite file in a temp folder or a uniquely named PostgreSQL database.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? directory, string? adminConnection, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
        _adminConnection = adminConnection;
        _databaseName = databaseName;
        Factory = new GatewayDbContextFactory(new PersistenceOptions { Provider = provider, ConnectionString = connectionString });
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Scratch folder (SQLite file, tree heads, payloads), removed on dispose.</summary>
    public string? Directory { get; }

    public string SqlitePath => Path.Combine(Directory!, "gateway.db");

    public GatewayDbContextFactory Factory { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sgw-ledger-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            database = new TestDatabase(provider, $"Data Source={Path.Combine(directory, "gateway.db")};Pooling=False", directory, null, null);
        }
        else
        {
            var admin = PostgresServer.ConnectionString();
            var name = "sgw_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(provider, builder.ConnectionString, directory, admin, name);
        }

        await GatewayDatabase.MigrateAsync(database.Factory, cancellationToken);
        return database;
    }

    /// <summary>Runs SQL behind the application's back, as an intruder with database access would.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var db = Factory.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    /// <summary>
    /// Drops the append-only triggers, as an intruder with owner rights could, so tamper tests reach the rows and
    /// show that verification still catches what the triggers no longer stop.
    /// </summary>
    public Task DropAppendOnlyGuardAsync(CancellationToken cancellationToken) => Provider == DatabaseProvider.Sqlite
        ? ExecuteAsync("DROP TRIGGER disclosure_entries_no_update; DROP TRIGGER disclosure_entries_no_delete;", cancellationToken)
        : ExecuteAsync("DROP TRIGGER disclosure_entries_append_only ON disclosure_entries; DROP TRIGGER disclosure_entries_no_truncate ON disclosure_entries;", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (Directory is not null)
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
