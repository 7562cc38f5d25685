namespace SubmissionGateway.Tests.Protection;

/// <summary>Deterministic invented attachment bytes (a pseudo-random pattern, no real patient).</summary>
internal static class SyntheticPayload
{
    public static byte[] Create(int length, int seed = 837)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }
}
