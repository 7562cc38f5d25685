using System.ComponentModel.DataAnnotations;

namespace SubmissionGateway.Persistence;

public sealed class PersistenceOptions
{
    public const string SectionName = "Persistence";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>A SQLite connection string (Data Source=...) or an Npgsql one (Host=...;Database=...).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// SQLite only: <see cref="SqliteSynchronous.Full"/> (the default) makes every commit survive a power loss;
    /// <see cref="SqliteSynchronous.Normal"/> trades that for fewer disk syncs (commits survive a killed process, not
    /// a power loss). See <see cref="Persistence.SqliteSynchronous"/> before choosing it.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// Reads "sqlite:path", a bare file path or "Data Source=..." as SQLite, and anything with Host= as PostgreSQL,
    /// so the command line can take one argument for either.
    /// </summary>
    public static PersistenceOptions FromArgument(string databaseArgument)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseArgument);
        if (databaseArgument.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new PersistenceOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = databaseArgument };
        }

        if (databaseArgument.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return new PersistenceOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = databaseArgument };
        }

        var path = databaseArgument.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? databaseArgument[7..] : databaseArgument;
        return new PersistenceOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" };
    }
}
