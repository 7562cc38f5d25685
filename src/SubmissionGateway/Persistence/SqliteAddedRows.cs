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
        // Each table's rows in the order they were added.
        var byTable = new Dictionary<IEntityType, (TableInsert Insert, List<EntityEntry> Rows)>();
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

            if (!byTable.TryGetValue(entry.Metadata, out var table))
            {
                byTable[entry.Metadata] = table = (insert, []);
            }

            table.Rows.Add(entry);
        }

        if (byTable.Count > 0)
        {
            Write(connection, transaction, byTable);
            var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                foreach (var entry in byTable.Values.SelectMany(t => t.Rows))
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

    private static void Write(SqliteConnection connection, SqliteTransaction transaction, Dictionary<IEntityType, (TableInsert Insert, List<EntityEntry> Rows)> byTable)
    {
        // Generated keys, from EF's temporary values to the ones SQLite assigned, so dependents point at real rows.
        var generated = new Dictionary<(IEntityType, object), object>();
        foreach (var type in PrincipalsFirst(byTable.Keys))
        {
            var (table, rows) = byTable[type];
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = table.Sql;
            foreach (var entry in rows)
            {
                command.Parameters.Clear();
                foreach (var column in table.Columns)
                {
                    var value = entry.Property(column.Property).CurrentValue;
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
                        var temporary = entry.Property(key).CurrentValue!;
                        var id = Convert.ChangeType(command.ExecuteScalar(), key.ClrType, System.Globalization.CultureInfo.InvariantCulture)!;
                        generated[(type, temporary)] = id;
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

    // A claim before its attachments: each type once all of its principals among these types are placed (a cycle,
    // which the gateway's model has none of, falls back to the order given).
    private static List<IEntityType> PrincipalsFirst(IReadOnlyCollection<IEntityType> types)
    {
        var ordered = new List<IEntityType>(types.Count);
        while (ordered.Count < types.Count)
        {
            var remaining = types.Where(t => !ordered.Contains(t)).ToList();
            ordered.Add(remaining.FirstOrDefault(t => t.GetForeignKeys()
                .All(f => ordered.Contains(f.PrincipalEntityType) || !types.Contains(f.PrincipalEntityType))) ?? remaining[0]);
        }

        return ordered;
    }

    private sealed record InsertColumn(IProperty Property, RelationalTypeMapping Mapping, string ParameterName, IEntityType? PrincipalKey);

    private sealed record TableInsert(string Table, string Sql, IReadOnlyList<InsertColumn> Columns, IProperty? GeneratedKey)
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
            return new TableInsert(table, sql, columns, generatedKey);
        }

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
