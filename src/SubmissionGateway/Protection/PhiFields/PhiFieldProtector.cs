using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Protection.PhiFields;

/// <summary>
/// AES-256-GCM for PHI columns. Layout: version (1) | key id length (1) | key id (ASCII) | nonce (12) | tag (16) |
/// ciphertext. The key id travels with the value so keys can rotate without rewriting old rows.
/// </summary>
public sealed class PhiFieldProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly string _activeKeyId;
    private readonly byte[] _activeKeyIdBytes;
    private readonly Dictionary<string, byte[]> _keys;

    public PhiFieldProtector(IOptions<PhiFieldOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _activeKeyId = value.ActiveKeyId;
        _activeKeyIdBytes = Encoding.ASCII.GetBytes(_activeKeyId);
        _keys = new Dictionary<string, byte[]>(value.EncryptionKeys, StringComparer.Ordinal);
        if (!_keys.ContainsKey(_activeKeyId))
        {
            throw new InvalidOperationException($"PhiFields: the active key '{_activeKeyId}' is not configured.");
        }
    }

    /// <summary>Encrypts <paramref name="plaintext"/>; <paramref name="purpose"/> binds the value to its column.</summary>
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var header = 2 + _activeKeyIdBytes.Length;
        var output = new byte[header + NonceSize + TagSize + plaintext.Length];
        output[0] = Version;
        output[1] = (byte)_activeKeyIdBytes.Length;
        _activeKeyIdBytes.CopyTo(output.AsSpan(2));
        var nonce = output.AsSpan(header, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var tag = output.AsSpan(header + NonceSize, TagSize);
        var cipher = output.AsSpan(header + NonceSize + TagSize);
        using var aes = new AesGcm(_keys[_activeKeyId], TagSize);
        aes.Encrypt(nonce, plaintext, cipher, tag, AssociatedData(purpose, output.AsSpan(0, header)));
        return output;
    }

    public byte[] ProtectString(string plaintext, string purpose) => Protect(Encoding.UTF8.GetBytes(plaintext), purpose);

    /// <summary>Decrypts a value written by <see cref="Protect"/>.</summary>
    /// <exception cref="PhiFieldTamperedException">The value was altered, truncated, or belongs to another column.</exception>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedValue, string purpose)
    {
        if (protectedValue.Length < 2 || protectedValue[0] != Version)
        {
            throw new PhiFieldTamperedException("The protected value has an unknown format.");
        }

        var header = 2 + protectedValue[1];
        if (protectedValue.Length < header + NonceSize + TagSize)
        {
            throw new PhiFieldTamperedException("The protected value is truncated.");
        }

        var keyId = Encoding.ASCII.GetString(protectedValue.Slice(2, protectedValue[1]));
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new PhiFieldTamperedException($"The protected value names key '{keyId}', which is not configured.");
        }

        var nonce = protectedValue.Slice(header, NonceSize);
        var tag = protectedValue.Slice(header + NonceSize, TagSize);
        var cipher = protectedValue[(header + NonceSize + TagSize)..];
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(nonce, cipher, tag, plain, AssociatedData(purpose, protectedValue[..header]));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new PhiFieldTamperedException("The protected value failed authentication: it was altered or moved.", ex);
        }

        return plain;
    }

    public string UnprotectString(ReadOnlySpan<byte> protectedValue, string purpose) =>
        Encoding.UTF8.GetString(Unprotect(protectedValue, purpose));

    private static byte[] AssociatedData(string purpose, ReadOnlySpan<byte> header)
    {
        var purposeBytes = Encoding.UTF8.GetBytes(purpose);
        var ad = new byte[purposeBytes.Length + 1 + header.Length];
        purposeBytes.CopyTo(ad, 0);
        header.CopyTo(ad.AsSpan(purposeBytes.Length + 1));
        return ad;
    }
}
