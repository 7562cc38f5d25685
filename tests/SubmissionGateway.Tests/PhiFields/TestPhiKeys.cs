using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Tests.PhiFields;

internal static class TestPhiKeys
{
    public static PhiFieldOptions Create(string keyId = "k1") => new()
    {
        ActiveKeyId = keyId,
        EncryptionKeys = new Dictionary<string, byte[]> { [keyId] = RandomNumberGenerator.GetBytes(32) },
        BlindIndexKey = RandomNumberGenerator.GetBytes(32),
    };

    public static IOptions<PhiFieldOptions> Options(PhiFieldOptions? options = null) => Microsoft.Extensions.Options.Options.Create(options ?? Create());
}
