using System.Buffers.Binary;

namespace SubmissionGateway.Protection.Envelope;

/// <summary>
/// Constants of the segmented AES-256-GCM format, the scheme of Azure Storage client-side encryption v2:
/// 4 MiB regions, each stored as nonce ‖ ciphertext ‖ tag.
/// </summary>
internal static class EnvelopeFormat
{
    public const int DefaultRegionSize = 4 * 1024 * 1024;
    public const int MinRegionSize = 16;
    public const int MaxRegionSize = 16 * 1024 * 1024;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int DataKeySize = 32;
    public const int AssociatedDataSize = 16;

    public static int FrameSize(int regionSize) => NonceSize + regionSize + TagSize;

    /// <summary>
    /// The authenticated data of a region: the format version, the final flag and the region index. Binding the
    /// index detects reordering; binding the final flag detects truncation at a region boundary and extension.
    /// </summary>
    public static void WriteAssociatedData(Span<byte> destination, long regionIndex, bool isFinal)
    {
        EnvelopeHeader.Magic.CopyTo(destination);
        destination[4] = EnvelopeHeader.CurrentFormatVersion;
        destination[5] = isFinal ? (byte)1 : (byte)0;
        destination[6] = 0;
        destination[7] = 0;
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], regionIndex);
    }
}
