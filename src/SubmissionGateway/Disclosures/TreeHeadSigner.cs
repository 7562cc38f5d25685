using System.Security.Cryptography;

namespace SubmissionGateway.Disclosures;

/// <summary>Signs tree heads with ECDSA P-256 / SHA-256 (IEEE P1363 signature format).</summary>
public sealed class TreeHeadSigner : IDisposable
{
    private readonly ECDsa _key;

    public TreeHeadSigner(ReadOnlySpan<byte> pkcs8PrivateKey)
    {
        _key = ECDsa.Create();
        _key.ImportPkcs8PrivateKey(pkcs8PrivateKey, out _);
        if (_key.KeySize != 256)
        {
            _key.Dispose();
            throw new ArgumentException("The tree-head key must be an ECDSA P-256 key.", nameof(pkcs8PrivateKey));
        }

        KeyId = TreeHeadVerifier.KeyIdOf(_key.ExportSubjectPublicKeyInfo());
    }

    public string KeyId { get; }

    public byte[] ExportPublicKey() => _key.ExportSubjectPublicKeyInfo();

    public SignedTreeHead Sign(long treeSize, byte[] rootHash, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(rootHash);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        var signature = _key.SignData(SignedTreeHead.SignedBytes(treeSize, rootHash, at), HashAlgorithmName.SHA256);
        return new SignedTreeHead(treeSize, rootHash, at, KeyId, signature);
    }

    /// <summary>A fresh P-256 key as PKCS#8, for set-up and tests.</summary>
    public static byte[] CreateKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKey();
    }

    public void Dispose() => _key.Dispose();
}
