using System.Buffers;
using System.Security.Cryptography;
using Azure.Core.Cryptography;

namespace SubmissionGateway.Protection.Envelope;

/// <summary>
/// Encrypts a stream under a fresh data key, region by region, so memory stays at one pooled region
/// whatever the payload size.
/// </summary>
public static class EnvelopeWriter
{
    public static Task<SealedPayload> SealAsync(
        Stream plaintext, Stream destination, IKeyEncryptionKey keyEncryptionKey, string wrapAlgorithm,
        DateTimeOffset storedAt, CancellationToken cancellationToken)
        => SealAsync(plaintext, destination, keyEncryptionKey, wrapAlgorithm, storedAt, EnvelopeFormat.DefaultRegionSize, cancellationToken);

    internal static async Task<SealedPayload> SealAsync(
        Stream plaintext, Stream destination, IKeyEncryptionKey keyEncryptionKey, string wrapAlgorithm,
        DateTimeOffset storedAt, int regionSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(keyEncryptionKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(regionSize, EnvelopeFormat.MinRegionSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(regionSize, EnvelopeFormat.MaxRegionSize);

        var dataKey = RandomNumberGenerator.GetBytes(EnvelopeFormat.DataKeySize);
        var frame = ArrayPool<byte>.Shared.Rent(EnvelopeFormat.FrameSize(regionSize));
        var lookahead = new byte[1];
        var associatedData = new byte[EnvelopeFormat.AssociatedDataSize];
        // After a normal end the frame holds only ciphertext (regions are sealed in place), so only the part used is
        // wiped: clearing the whole pooled frame (megabytes) for a small payload cost more than sealing it. A failed
        // read may have left plaintext anywhere in the region, so then all of it is wiped.
        var used = 0;
        var completed = false;
        try
        {
            var wrapped = await keyEncryptionKey.WrapKeyAsync(wrapAlgorithm, dataKey, cancellationToken).ConfigureAwait(false);
            var header = new EnvelopeHeader
            {
                FormatVersion = EnvelopeHeader.CurrentFormatVersion,
                EncryptionAlgorithm = EnvelopeHeader.ContentAlgorithm,
                RegionSize = regionSize,
                KeyId = keyEncryptionKey.KeyId,
                WrapAlgorithm = wrapAlgorithm,
                WrappedKey = wrapped,
                StoredAt = storedAt,
            };
            await header.WriteAsync(destination, cancellationToken).ConfigureAwait(false);

            using var aes = new AesGcm(dataKey, EnvelopeFormat.TagSize);
            long size = 0;
            long index = 0;
            var carried = false;
            while (true)
            {
                var start = EnvelopeFormat.NonceSize;
                var filled = 0;
                if (carried)
                {
                    frame[start] = lookahead[0];
                    filled = 1;
                }

                filled += await plaintext.ReadAtLeastAsync(
                    frame.AsMemory(start + filled, regionSize - filled), regionSize - filled, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);

                // A full region is final only when nothing follows it; one byte of look-ahead tells, without a second buffer.
                var isFinal = filled < regionSize;
                carried = false;
                if (!isFinal)
                {
                    carried = await plaintext.ReadAsync(lookahead, cancellationToken).ConfigureAwait(false) == 1;
                    isFinal = !carried;
                }

                size += filled;
                used = Math.Max(used, EnvelopeFormat.NonceSize + filled + EnvelopeFormat.TagSize);
                SealRegion(aes, frame, filled, index, isFinal, associatedData);
                await destination.WriteAsync(frame.AsMemory(0, EnvelopeFormat.NonceSize + filled + EnvelopeFormat.TagSize), cancellationToken).ConfigureAwait(false);
                index++;
                if (isFinal)
                {
                    break;
                }
            }

            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            completed = true;
            return new SealedPayload(size, keyEncryptionKey.KeyId, storedAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            CryptographicOperations.ZeroMemory(frame.AsSpan(0, completed ? used : EnvelopeFormat.FrameSize(regionSize)));
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private static void SealRegion(AesGcm aes, byte[] frame, int length, long index, bool isFinal, byte[] associatedData)
    {
        var nonce = frame.AsSpan(0, EnvelopeFormat.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        EnvelopeFormat.WriteAssociatedData(associatedData, index, isFinal);
        var region = frame.AsSpan(EnvelopeFormat.NonceSize, length);
        // In place: AesGcm accepts plaintext and ciphertext that overlap exactly.
        aes.Encrypt(nonce, region, region, frame.AsSpan(EnvelopeFormat.NonceSize + length, EnvelopeFormat.TagSize), associatedData);
    }
}
