using System.Security.Cryptography;

namespace SubmissionGateway.Disclosures;

/// <summary>Checks tree-head signatures against a trusted public key (SubjectPublicKeyInfo or PEM).</summary>
public sealed class TreeHeadVerifier : IDisposable
{
    private readonly ECDsa _key;

    public TreeHeadVerifier(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        _key = ECDsa.Create();
        _key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        KeyId = KeyIdOf(subjectPublicKeyInfo);
    }

    public string KeyId { get; }

    public static TreeHeadVerifier FromPem(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return new TreeHeadVerifier(key.ExportSubjectPublicKeyInfo());
    }

    public bool Verify(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return head.KeyId == KeyId
            && _key.VerifyData(SignedTreeHead.SignedBytes(head.TreeSize, head.RootHash, head.Timestamp), head.Signature, HashAlgorithmName.SHA256);
    }

    internal static string KeyIdOf(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo).AsSpan(0, 8));

    public void Dispose() => _key.Dispose();
}
