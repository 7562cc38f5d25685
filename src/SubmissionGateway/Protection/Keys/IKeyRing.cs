using Azure.Core.Cryptography;

namespace SubmissionGateway.Protection.Keys;

/// <summary>
/// The versions of one key-encryption key: the current version wraps new data keys, every version resolves
/// (through <see cref="IKeyEncryptionKeyResolver"/>) so payloads wrapped before a rotation still open.
/// </summary>
public interface IKeyRing : IKeyEncryptionKeyResolver
{
    /// <summary>The key-wrap algorithm this ring's keys speak (passed to <see cref="IKeyEncryptionKey.WrapKeyAsync"/>).</summary>
    string WrapAlgorithm { get; }

    /// <summary>The version that wraps new data keys; created on first use.</summary>
    Task<IKeyEncryptionKey> GetCurrentAsync(CancellationToken cancellationToken);

    /// <summary>Adds a new version and makes it current; older versions keep unwrapping. Returns the new key id.</summary>
    Task<string> RotateAsync(CancellationToken cancellationToken);
}
