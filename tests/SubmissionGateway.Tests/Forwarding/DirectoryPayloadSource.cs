using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Tests.Forwarding;

/// <summary>Payloads as real files in the test's scratch folder (the attachment stores take this role in the gateway).</summary>
internal sealed class DirectoryPayloadSource(string directory) : IForwardingPayloadSource
{
    public async Task<string> StoreAsync(byte[] payload, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var reference = Guid.NewGuid().ToString("N") + ".x12";
        await File.WriteAllBytesAsync(Path.Combine(directory, reference), payload, cancellationToken);
        return reference;
    }

    public Task<byte[]> ReadAsync(string payloadReference, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(Path.Combine(directory, payloadReference), cancellationToken);
}
