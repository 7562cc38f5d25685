using Microsoft.EntityFrameworkCore;
using Npgsql;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>A scratch folder and a database on a real provider: a SQLite file in it, or a uniquely named PostgreSQL database.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string? _admin;
    private readonly string? _name;

    private ScratchDatabase(DatabaseProvider provider, string connectionString, string folder, string? admin, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        _admin = admin;
        _name = name;
        Factory = new GatewayDbContextFactory(new PersistenceOptions { Provider = provider, ConnectionString = connectionString });
    }

    public DatabaseProvider Provider { get; }

    /// <summary>What the gateway's Persistence:ConnectionString and sgw's --database take.</summary>
    public string ConnectionString { get; }

    public string Folder { get; }

    public GatewayDbContextFactory Factory { get; }

    /// <summary>Creates the folder and, for PostgreSQL, an empty database (the gateway or the caller migrates it).</summary>
    public static async Task<ScratchDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sgw-proving", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new ScratchDatabase(provider, $"Data Source={Path.Combine(folder, "gateway.db")};Pooling=False", folder, null, null);
        }

        var admin = TestServices.Postgres();
        var name = "sgw_pg_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
        return new ScratchDatabase(provider, builder.ConnectionString, folder, admin, name);
    }

    /// <summary>SQL behind the gateway's back, as an intruder with database access would run it.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var db = Factory.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    /// <summary>Drops the append-only triggers, as an intruder with owner rights could.</summary>
    public Task DropAppendOnlyGuardAsync(CancellationToken cancellationToken) => Provider == DatabaseProvider.Sqlite
        ? ExecuteAsync("DROP TRIGGER disclosure_entries_no_update; DROP TRIGGER disclosure_entries_no_delete;", cancellationToken)
        : ExecuteAsync("DROP TRIGGER disclosure_entries_append_only ON disclosure_entries; DROP TRIGGER disclosure_entries_no_truncate ON disclosure_entries;", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed process still held open; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
