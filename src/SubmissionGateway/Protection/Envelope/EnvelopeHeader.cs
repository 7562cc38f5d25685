using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SubmissionGateway.Protection.Envelope;

/// <summary>
/// The JSON header in front of the encrypted segments. It names the key-encryption key version and carries the
/// wrapped data key, so rotation rewrites only this header and never the segments.
/// </summary>
public sealed record EnvelopeHeader
{
    /// <summary>Four bytes "SGWE", then a little-endian uint32 header length, then the header JSON.</summary>
    internal static ReadOnlySpan<byte> Magic => "SGWE"u8;

    internal const int CurrentFormatVersion = 1;
    internal const string ContentAlgorithm = "AES-256-GCM";

    // A header is a few hundred bytes; the cap keeps a corrupt length field from allocating gigabytes.
    private const int MaxHeaderLength = 16 * 1024;

    [JsonPropertyName("v")]
    public required int FormatVersion { get; init; }

    [JsonPropertyName("enc")]
    public required string EncryptionAlgorithm { get; init; }

    [JsonPropertyName("region")]
    public required int RegionSize { get; init; }

    [JsonPropertyName("kid")]
    public required string KeyId { get; init; }

    [JsonPropertyName("wrap")]
    public required string WrapAlgorithm { get; init; }

    [JsonPropertyName("key")]
    public required byte[] WrappedKey { get; init; }

    [JsonPropertyName("stored")]
    public required DateTimeOffset StoredAt { get; init; }

    internal async Task WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this);
        var prefix = new byte[8];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(4), (uint)json.Length);
        await destination.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(json, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<EnvelopeHeader> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        var prefix = new byte[8];
        if (await source.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < prefix.Length
            || !prefix.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new EnvelopeException("This is not a SubmissionGateway encrypted payload (the header is missing or damaged).");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(4));
        if (length is 0 or > MaxHeaderLength)
        {
            throw new EnvelopeException($"The payload header declares {length} bytes, outside 1..{MaxHeaderLength}: the header is damaged.");
        }

        var json = new byte[length];
        if (await source.ReadAtLeastAsync(json, json.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < json.Length)
        {
            throw new EnvelopeException("The payload ends inside its header: the file is truncated.");
        }

        EnvelopeHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<EnvelopeHeader>(json);
        }
        catch (JsonException e)
        {
            throw new EnvelopeException("The payload header is not valid JSON: the header is damaged.", e);
        }

        if (header is null)
        {
            throw new EnvelopeException("The payload header is empty.");
        }

        header.Validate();
        return header;
    }

    private void Validate()
    {
        if (FormatVersion != CurrentFormatVersion)
        {
            throw new EnvelopeException($"Payload format version {FormatVersion} is not supported (this build reads version {CurrentFormatVersion}).");
        }

        if (EncryptionAlgorithm != ContentAlgorithm)
        {
            throw new EnvelopeException($"Payload encryption '{EncryptionAlgorithm}' is not supported.");
        }

        if (RegionSize is < EnvelopeFormat.MinRegionSize or > EnvelopeFormat.MaxRegionSize)
        {
            throw new EnvelopeException($"Payload segment size {RegionSize} is outside the supported range.");
        }

        if (string.IsNullOrEmpty(KeyId) || WrappedKey is not { Length: > 0 })
        {
            throw new EnvelopeException("The payload header has no wrapped key: it was shredded or damaged.");
        }
    }
}
