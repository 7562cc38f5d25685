using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SubmissionGateway.Persistence;

/// <summary>
/// Writes a context's added rows to SQLite with one prepared INSERT per table, reused for every row, instead of
/// through SaveChanges. The ledger's group commit adds a few rows per submission and dozens of submissions at a time
/// while holding SQLite's one writer: SaveChanges built, parsed and prepared one statement per row and ran EF's whole
/// update pipeline per row (about half a millisecond per submission, which grew to 1.3 ms under load and made the
/// next group larger still). Values go through the same EF type mappings (converters included) that SaveChanges uses,
/// so the rows read back exactly as if EF had written them.
/// <para>
/// Only plain rows take this path: one table per entity type, no inheritance, no owned types, no reference to their
/// own type. When any added row is not plain, SaveChanges writes everything; modified and deleted rows always go to
/// SaveChanges, afterwards, in the same transaction. A constraint violation surfaces as <see cref="DbUpdateException"/>,
/// as it would from SaveChanges.
/// </para>
/// </summary>
internal static class SqliteAddedRows
{
    private static readonly ConditionalWeakTable<IEntityType, TableInsert?> Inserts = [];

    /// <summary>Whether added rows of <paramref name="type"/> can take the prepared inserts (a plain row, see above).</summary>
    public static bool TakesPreparedInserts(IEntityType type) => Inserts.GetValue(type, TableInsert.Plan) is not null;

    /// <summary>Saves the context's changes: added plain rows through prepared inserts, the rest through SaveChanges.</summary>
    public static async Task SaveAsync(GatewayDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || db.Database.GetDbConnection() is not SqliteConnection connection
            || db.Database.CurrentTransaction?.GetDbTransaction() is not SqliteTransaction transaction)
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        db.ChangeTracker.DetectChanges();
        var added = new List<(TableInsert Insert, EntityEntry Entry)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }

            if (Inserts.GetValue(entry.Metadata, TableInsert.Plan) is not { } insert)
            {
                // A row only SaveChanges can write may be the principal of one added here (its key not known before
                // SaveChanges assigns it): then SaveChanges writes them all.
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            added.Add((insert, entry));
        }

        if (added.Count > 0)
        {
            WriteInDependencyOrder(connection, transaction, added);
            var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                foreach (var (_, entry) in added)
                {
                    entry.State = EntityState.Detached;
                }
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteInDependencyOrder(SqliteConnection connection, SqliteTransaction transaction, List<(TableInsert Insert, EntityEntry Entry)> added)
    {
        // Principals before their dependents (a claim before its attachments), each table's rows in the order added.
        var tables = added.Select(a => a.Insert).Distinct().ToList();
        var ordered = new List<TableInsert>(tables.Count);
        var placed = new HashSet<TableInsert>();
        while (ordered.Count < tables.Count)
        {
            var next = tables.FirstOrDefault(t => !placed.Contains(t)
                    && t.Principals.All(p => placed.Any(q => q.Type == p) || tables.All(q => q.Type != p)))
                ?? tables.First(t => !placed.Contains(t));
            ordered.Add(next);
            placed.Add(next);
        }

        // Generated keys, from EF's temporary values to the ones SQLite assigned, so dependents point at real rows.
        var generated = new Dictionary<(IEntityType, object), object>();
        foreach (var table in ordered)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = table.Sql;
            foreach (var (insert, entry) in added)
            {
                if (insert != table)
                {
                    continue;
                }

                command.Parameters.Clear();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var column = table.Columns[i];
                    var value = entry.Property(column.Property.Name).CurrentValue;
                    if (column.PrincipalKey is { } principal && value is not null && generated.TryGetValue((principal, value), out var real))
                    {
                        value = real;
                        column.Property.PropertyInfo?.SetValue(entry.Entity, real);
                    }

                    command.Parameters.Add(column.Mapping.CreateParameter(command, column.ParameterName, value, column.Property.IsNullable));
                }

                try
                {
                    if (table.GeneratedKey is { } key)
                    {
                        var temporary = entry.Property(key.Name).CurrentValue!;
                        var id = Convert.ChangeType(command.ExecuteScalar(), key.ClrType, System.Globalization.CultureInfo.InvariantCulture)!;
                        generated[(entry.Metadata, temporary)] = id;
                        key.PropertyInfo?.SetValue(entry.Entity, id);
                    }
                    else
                    {
                        command.ExecuteNonQuery();
                    }
                }
                catch (SqliteException e)
                {
                    throw new DbUpdateException($"An error occurred while saving a row of '{table.Table}': {e.Message}", e);
                }
            }
        }
    }

    private sealed record InsertColumn(IProperty Property, RelationalTypeMapping Mapping, string ParameterName, IEntityType? PrincipalKey);

    private sealed record TableInsert(
        IEntityType Type, string Table, string Sql, IReadOnlyList<InsertColumn> Columns, IProperty? GeneratedKey, IReadOnlyList<IEntityType> Principals)
    {
        /// <summary>The prepared insert of a plain entity type; null for anything SaveChanges must write.</summary>
        public static TableInsert? Plan(IEntityType type)
        {
            if (type.IsOwned() || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.GetTableName() is not { } table
                || type.GetTableMappings().Count() != 1 || type.FindPrimaryKey() is not { } primaryKey
                || type.GetComplexProperties().Any() || type.GetForeignKeys().Any(f => f.PrincipalEntityType == type))
            {
                return null;
            }

            var identifier = StoreObjectIdentifier.Table(table, type.GetSchema());
            // An integer key SQLite assigns (the rowid); any other key's value is already set when the row is added.
            var generatedKey = primaryKey.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } single]
                && (single.ClrType == typeof(long) || single.ClrType == typeof(int)) ? single : null;
            var columns = new List<InsertColumn>();
            foreach (var property in type.GetProperties())
            {
                if (property == generatedKey)
                {
                    continue;
                }

                if (property.GetColumnName(identifier) is not { } _ || property.GetTypeMapping() is not RelationalTypeMapping mapping
                    || property.ValueGenerated != ValueGenerated.Never && !property.IsForeignKey() && !property.IsPrimaryKey()
                    || property.IsConcurrencyToken)
                {
                    return null;
                }

                var principal = property.GetContainingForeignKeys().FirstOrDefault()?.PrincipalEntityType;
                columns.Add(new InsertColumn(property, mapping, $"@p{columns.Count}", principal));
            }

            var names = string.Join(", ", columns.Select(c => Quote(c.Property.GetColumnName(identifier)!)));
            var values = string.Join(", ", columns.Select(c => c.ParameterName));
            var sql = $"INSERT INTO {Quote(table)} ({names}) VALUES ({values})"
                + (generatedKey is null ? "" : $" RETURNING {Quote(generatedKey.GetColumnName(identifier)!)}");
            var principals = type.GetForeignKeys().Select(f => f.PrincipalEntityType).Distinct().ToList();
            return new TableInsert(type, table, sql, columns, generatedKey, principals);
        }

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
