using System.Buffers;
using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// The exact bytes a ledger entry hashes to: a version byte, fixed-width big-endian numbers, and every text or
/// binary field length-prefixed so no two different entries share an encoding. Enums are written by name so
/// renumbering them can never change history. The sequence is inside, which is what makes reordering visible.
/// </summary>
internal static class DisclosureEntryCanonicalForm
{
    private const byte Version = 1;
    private const uint Null = uint.MaxValue;

    public static void Write(DisclosureEntry entry, ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        WriteBody(entry, output);
    }

    /// <summary>SHA-256(0x00 || canonical bytes) in one pass: the prefix is written into the same buffer.</summary>
    public static void LeafHash(DisclosureEntry entry, ArrayBufferWriter<byte> scratch, Span<byte> destination)
    {
        scratch.ResetWrittenCount();
        scratch.GetSpan(1)[0] = 0x00;
        scratch.Advance(1);
        WriteBody(entry, scratch);
        SHA256.HashData(scratch.WrittenSpan, destination);
    }

    public static byte[] LeafHash(DisclosureEntry entry)
    {
        var hash = new byte[MerkleTree.HashSize];
        LeafHash(entry, new ArrayBufferWriter<byte>(1024), hash);
        return hash;
    }

    private static void WriteBody(DisclosureEntry entry, ArrayBufferWriter<byte> output)
    {
        WriteHead(output, entry.Sequence, entry.RecordedAt.Ticks, entry.RefersToSequence);
        WriteText(output, KindName(entry.Kind));
        WriteBytes(output, entry.PatientCiphertext);
        WriteBytes(output, entry.PatientIndex);
        WriteText(output, entry.PayerId);
        WriteText(output, entry.RecipientName);
        WriteText(output, entry.RecipientAddress);
        WriteText(output, entry.RecipientEndpoint);
        WriteText(output, entry.TransactionType);
        WriteText(output, entry.Description);
        WriteText(output, PurposeName(entry.Purpose));
        WriteText(output, entry.LegalBasis);
        WriteText(output, entry.Actor);
        WriteText(output, entry.SubmissionId);
        WriteText(output, entry.Outcome);
        WriteText(output, entry.Detail);
    }

    /// <summary>
    /// The ledger's columns in the order the canonical form takes them, so a verifier can stream rows straight into
    /// leaf inputs (<see cref="WriteRow"/>) without materializing entities. Identifiers are quoted the same way on
    /// SQLite and PostgreSQL.
    /// </summary>
    public const string SelectRowsInSequence = SelectColumns + "ORDER BY \"Sequence\"";

    /// <summary>The same rows for one range of sequences, bound as parameters 1 (from, inclusive) and 2 (to, exclusive).</summary>
    public const string SelectRowRangeInSequence = SelectColumns + "WHERE \"Sequence\" >= ?1 AND \"Sequence\" < ?2 ORDER BY \"Sequence\"";

    private const string SelectColumns =
        "SELECT \"Sequence\", \"RecordedAt\", \"RefersToSequence\", \"Kind\", \"PatientCiphertext\", \"PatientIndex\", " +
        "\"PayerId\", \"RecipientName\", \"RecipientAddress\", \"RecipientEndpoint\", \"TransactionType\", \"Description\", " +
        "\"Purpose\", \"LegalBasis\", \"Actor\", \"SubmissionId\", \"Outcome\", \"Detail\", \"LeafHash\" " +
        "FROM disclosure_entries ";

    /// <summary>
    /// Writes the canonical body of the current row of a <see cref="SelectRowsInSequence"/> reader, byte for byte
    /// what <see cref="Write"/> produces for the same entry. Kind and purpose are stored by name, so their stored
    /// text is written as is: a row whose kind was edited to a name no enum has still hashes (and fails) instead of
    /// stopping the verification with a conversion error. Returns the row's sequence.
    /// </summary>
    public static long WriteRow(DbDataReader row, ArrayBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(row);
        var sequence = row.GetInt64(0);
        // A NULL forced into a required column is tampering: it is written with the null marker, which no stored
        // entry can have there, so the row fails its leaf check instead of stopping the run.
        var recordedAtTicks = row.IsDBNull(1) ? -1 : row.GetDateTime(1).Ticks;
        var refersTo = row.IsDBNull(2) ? (long?)null : row.GetInt64(2);
        WriteHead(output, sequence, recordedAtTicks, refersTo);
        WriteText(output, TextOrNull(row, 3));
        WriteBytesOrNull(output, row, 4);
        WriteBytesOrNull(output, row, 5);
        for (var column = 6; column <= 17; column++)
        {
            WriteText(output, TextOrNull(row, column));
        }

        return sequence;
    }

    private static string KindName(DisclosureEntryKind kind) => kind switch
    {
        DisclosureEntryKind.Disclosure => "Disclosure",
        DisclosureEntryKind.DeliveryOutcome => "DeliveryOutcome",
        DisclosureEntryKind.Incident => "Incident",
        _ => kind.ToString(),
    };

    private static string PurposeName(DisclosurePurpose purpose) => purpose switch
    {
        DisclosurePurpose.Payment => "Payment",
        DisclosurePurpose.PayerRequestResponse => "PayerRequestResponse",
        DisclosurePurpose.Appeal => "Appeal",
        DisclosurePurpose.DenialResponse => "DenialResponse",
        DisclosurePurpose.HealthCareOperations => "HealthCareOperations",
        _ => purpose.ToString(),
    };

    private static string? TextOrNull(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    private static void WriteBytesOrNull(ArrayBufferWriter<byte> output, DbDataReader row, int column)
    {
        if (row.IsDBNull(column))
        {
            WriteNullField(output);
            return;
        }

        WriteBytes(output, row.GetFieldValue<byte[]>(column));
    }

    private static void WriteBytes(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        var span = output.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value.Length);
        value.CopyTo(span[4..]);
        output.Advance(4 + value.Length);
    }

    /// <summary>The fixed-width start of the body: version, sequence, recorded-at ticks, and the optional referred entry.</summary>
    public static void WriteHead(ArrayBufferWriter<byte> output, long sequence, long recordedAtTicks, long? refersTo)
    {
        var head = output.GetSpan(26);
        head[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(head[1..], sequence);
        BinaryPrimitives.WriteInt64BigEndian(head[9..], recordedAtTicks);
        head[17] = refersTo.HasValue ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(head[18..], refersTo ?? 0);
        output.Advance(26);
    }

    /// <summary>A text or binary field already in its stored bytes (text as UTF-8), length-prefixed.</summary>
    public static void WriteField(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> value) => WriteBytes(output, value);

    /// <summary>The marker of a field that holds no value.</summary>
    public static void WriteNullField(ArrayBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), Null);
        output.Advance(4);
    }

    private static void WriteText(ArrayBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), Null);
            output.Advance(4);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = output.GetSpan(4 + max);
        var written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)written);
        output.Advance(4 + written);
    }
}
