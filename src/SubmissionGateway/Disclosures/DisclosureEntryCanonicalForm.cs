using System.Buffers;
using System.Buffers.Binary;
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
        var head = output.GetSpan(1 + 8 + 8 + 9);
        head[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(head[1..], entry.Sequence);
        BinaryPrimitives.WriteInt64BigEndian(head[9..], entry.RecordedAt.Ticks);
        head[17] = entry.RefersToSequence.HasValue ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(head[18..], entry.RefersToSequence ?? 0);
        output.Advance(26);
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

    private static void WriteBytes(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        var span = output.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value.Length);
        value.CopyTo(span[4..]);
        output.Advance(4 + value.Length);
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
