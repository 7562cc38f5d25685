using System.Security.Cryptography;
using SubmissionGateway.Protection;

namespace SubmissionGateway.Api.Hosting;

/// <summary>
/// Random key material of the embedded default, generated on first run into the data folder (never the repository),
/// written owner-only and refused when group or others can read it.
/// </summary>
public static class DataFolderSecret
{
    public static byte[] LoadOrCreate(string path, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            OwnerOnlyFile.WriteAtomically(path, RandomNumberGenerator.GetBytes(length));
        }

        OwnerOnlyFile.RequireOwnerOnly(path);
        return File.ReadAllBytes(path);
    }

    public static byte[] LoadOrCreate(string path, Func<byte[]> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(create);
        if (!File.Exists(path))
        {
            OwnerOnlyFile.WriteAtomically(path, create());
        }

        OwnerOnlyFile.RequireOwnerOnly(path);
        return File.ReadAllBytes(path);
    }
}
