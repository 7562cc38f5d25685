using System.Security.Cryptography;
using Azure.Core.Cryptography;

namespace SubmissionGateway.Protection.Keys;

/// <summary>
/// A 256-bit key-encryption key held in memory, wrapping data keys with AES key wrap with padding (RFC 5649).
/// </summary>
public sealed class SymmetricKeyEncryptionKey : IKeyEncryptionKey, IDisposable
{
    /// <summary>AES-256 key wrap with padding, RFC 5649.</summary>
    public const string Algorithm = "A256KWP";

    private readonly Aes _aes;

    public SymmetricKeyEncryptionKey(string keyId, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (key.Length != 32)
        {
            throw new ArgumentException("A key-encryption key is 32 bytes (AES-256).", nameof(key));
        }

        KeyId = keyId;
        _aes = Aes.Create();
        _aes.SetKey(key);
    }

    public string KeyId { get; }

    public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        RequireAlgorithm(algorithm);
        return _aes.EncryptKeyWrapPadded(key.Span);
    }

    public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
        => Task.FromResult(WrapKey(algorithm, key, cancellationToken));

    public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
    {
        RequireAlgorithm(algorithm);
        return _aes.DecryptKeyWrapPadded(encryptedKey.Span);
    }

    public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
        => Task.FromResult(UnwrapKey(algorithm, encryptedKey, cancellationToken));

    public void Dispose() => _aes.Dispose();

    private static void RequireAlgorithm(string algorithm)
    {
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
        {
            throw new CryptographicException($"Key-wrap algorithm '{algorithm}' is not supported; this key speaks {Algorithm}.");
        }
    }
}
