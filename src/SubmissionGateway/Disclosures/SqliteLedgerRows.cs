using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// Streams ledger rows from SQLite straight into leaf inputs through SQLite's own statement API: text and blob
/// columns are copied from SQLite's row buffer as the bytes that were stored, so no string, array or entity is made
/// per row. The bytes are the ones EF wrote (text as UTF-8), which is what the canonical form takes.
/// </summary>
internal sealed class SqliteLedgerRows : IDisposable
{
    private const int SequenceColumn = 0;
    private const int RecordedAtColumn = 1;
    private const int RefersToColumn = 2;
    private const int FirstFieldColumn = 3;
    private const int LastFieldColumn = 17;
    private const int LeafHashColumn = 18;

    private readonly sqlite3_stmt _statement;

    /// <summary>Rows with sequences from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), in order.</summary>
    public SqliteLedgerRows(SqliteConnection connection, long from, long to)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var status = raw.sqlite3_prepare_v2(connection.Handle, DisclosureEntryCanonicalForm.SelectRowRangeInSequence, out _statement);
        if (status == raw.SQLITE_OK)
        {
            status = raw.sqlite3_bind_int64(_statement, 1, from);
        }

        if (status == raw.SQLITE_OK)
        {
            status = raw.sqlite3_bind_int64(_statement, 2, to);
        }

        if (status != raw.SQLITE_OK)
        {
            var message = raw.sqlite3_errmsg(connection.Handle).utf8_to_string();
            _statement.Dispose();
            throw new SqliteException($"The ledger cannot be read: {message}", status);
        }
    }

    /// <summary>Reads the next row into <paramref name="batch"/>; false at the end. <paramref name="problem"/> is set when the row cannot be what was recorded.</summary>
    public bool TryRead(LedgerLeafBatch batch, out string? problem)
    {
        problem = null;
        var status = raw.sqlite3_step(_statement);
        if (status == raw.SQLITE_DONE)
        {
            return false;
        }

        if (status != raw.SQLITE_ROW)
        {
            throw new SqliteException($"Reading the ledger failed (SQLite error {status}).", status);
        }

        var sequence = raw.sqlite3_column_int64(_statement, SequenceColumn);
        if (raw.sqlite3_column_type(_statement, RecordedAtColumn) != raw.SQLITE_TEXT
            || !TryParseRecordedAt(raw.sqlite3_column_blob(_statement, RecordedAtColumn), out var recordedAt))
        {
            problem = "its recorded time is no longer a time";
            return true;
        }

        long? refersTo = raw.sqlite3_column_type(_statement, RefersToColumn) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, RefersToColumn);
        var output = batch.LeafInputs;
        batch.BeginRow();
        DisclosureEntryCanonicalForm.WriteHead(output, sequence, recordedAt.Ticks, refersTo);
        for (var column = FirstFieldColumn; column <= LastFieldColumn; column++)
        {
            var value = raw.sqlite3_column_blob(_statement, column);
            // Only an empty value can be a NULL; asking the type of every column would double the calls per row.
            if (value.IsEmpty && raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL)
            {
                DisclosureEntryCanonicalForm.WriteNullField(output);
            }
            else
            {
                DisclosureEntryCanonicalForm.WriteField(output, value);
            }
        }

        batch.EndRow(sequence, raw.sqlite3_column_blob(_statement, LeafHashColumn));
        return true;
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>
    /// EF stores a DateTime as "yyyy-MM-dd HH:mm:ss" with up to seven fraction digits; that shape is read directly.
    /// Anything else goes through the same invariant-culture parse Microsoft.Data.Sqlite would use.
    /// </summary>
    internal static bool TryParseRecordedAt(ReadOnlySpan<byte> text, out DateTime value)
    {
        if (text.Length >= 19 && text.Length <= 27 && text[4] == '-' && text[7] == '-' && text[10] == ' ' && text[13] == ':' && text[16] == ':'
            && Digits(text[..4], out var year) && Digits(text.Slice(5, 2), out var month) && Digits(text.Slice(8, 2), out var day)
            && Digits(text.Slice(11, 2), out var hour) && Digits(text.Slice(14, 2), out var minute) && Digits(text.Slice(17, 2), out var second)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
        {
            long fraction = 0;
            if (text.Length > 19)
            {
                var digits = text[20..];
                if (text[19] != '.' || digits.IsEmpty || !Digits(digits, out var parsed))
                {
                    return SlowParse(text, out value);
                }

                fraction = parsed;
                for (var i = digits.Length; i < 7; i++)
                {
                    fraction *= 10;
                }
            }

            value = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
            return true;
        }

        return SlowParse(text, out value);
    }

    private static bool SlowParse(ReadOnlySpan<byte> text, out DateTime value)
    {
        if (text.Length > 64)
        {
            value = default;
            return false;
        }

        Span<char> chars = stackalloc char[64];
        var count = Encoding.UTF8.GetChars(text, chars);
        return DateTime.TryParse(chars[..count], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
