using System.Security.Cryptography;
using Azure.Core.Cryptography;

namespace SubmissionGateway.Protection.Envelope;

/// <summary>Opens sealed payloads and re-wraps their data keys under a newer key version.</summary>
public static class EnvelopeReader
{
    /// <summary>
    /// Reads the header, unwraps the data key through <paramref name="resolver"/> and returns a stream of the
    /// plaintext. The returned stream owns <paramref name="source"/>.
    /// </summary>
    public static async Task<Stream> OpenAsync(Stream source, IKeyEncryptionKeyResolver resolver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(resolver);
        var header = await EnvelopeHeader.ReadAsync(source, cancellationToken).ConfigureAwait(false);
        var dataKey = await UnwrapAsync(header, resolver, cancellationToken).ConfigureAwait(false);
        try
        {
            return new EnvelopeReadStream(source, dataKey, header.RegionSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Reads only the header (key version, storage time), leaving the segments untouched.</summary>
    public static Task<EnvelopeHeader> ReadHeaderAsync(Stream source, CancellationToken cancellationToken)
        => EnvelopeHeader.ReadAsync(source, cancellationToken);

    /// <summary>
    /// Copies a sealed payload to <paramref name="destination"/> with its data key re-wrapped by
    /// <paramref name="newKey"/>. The segments are copied as they are: rotation never re-encrypts content.
    /// </summary>
    public static async Task<EnvelopeHeader> RewrapAsync(
        Stream source, Stream destination, IKeyEncryptionKeyResolver resolver, IKeyEncryptionKey newKey, string wrapAlgorithm,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(newKey);
        var header = await EnvelopeHeader.ReadAsync(source, cancellationToken).ConfigureAwait(false);
        var dataKey = await UnwrapAsync(header, resolver, cancellationToken).ConfigureAwait(false);
        EnvelopeHeader rewrapped;
        try
        {
            var wrapped = await newKey.WrapKeyAsync(wrapAlgorithm, dataKey, cancellationToken).ConfigureAwait(false);
            rewrapped = header with { KeyId = newKey.KeyId, WrapAlgorithm = wrapAlgorithm, WrappedKey = wrapped };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }

        await rewrapped.WriteAsync(destination, cancellationToken).ConfigureAwait(false);
        await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rewrapped;
    }

    private static async Task<byte[]> UnwrapAsync(EnvelopeHeader header, IKeyEncryptionKeyResolver resolver, CancellationToken cancellationToken)
    {
        IKeyEncryptionKey key;
        try
        {
            key = await resolver.ResolveAsync(header.KeyId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException)
        {
            throw new EnvelopeException($"Key version '{header.KeyId}' that wraps this payload is not available.", e);
        }

        byte[] dataKey;
        try
        {
            dataKey = await key.UnwrapKeyAsync(header.WrapAlgorithm, header.WrappedKey, cancellationToken).ConfigureAwait(false);
        }
        catch (CryptographicException e)
        {
            throw new EnvelopeException($"Key version '{header.KeyId}' could not unwrap this payload's data key: wrong key or damaged header.", e);
        }

        if (dataKey.Length != EnvelopeFormat.DataKeySize)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw new EnvelopeException("The unwrapped data key has the wrong length: wrong key or damaged header.");
        }

        return dataKey;
    }
}
