using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Core.Cryptography;
using Azure.Security.KeyVault.Secrets;

namespace SubmissionGateway.Protection.Keys;

/// <summary>
/// Key-encryption key versions kept as versions of one Key Vault secret (base64 of 32 random bytes). The key id
/// is the secret version's URI, so any version that ever wrapped a payload resolves for as long as the vault
/// keeps it. Where Azure.Security.KeyVault.Keys is available its KeyResolver plugs into the same seam instead.
/// </summary>
public sealed class KeyVaultSecretKeyRing : IKeyRing, IDisposable
{
    private const string ContentType = "application/vnd.submissiongateway.kek+base64";

    private readonly SecretClient _client;
    private readonly string _secretName;
    private readonly ConcurrentDictionary<string, SymmetricKeyEncryptionKey> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _currentLifetime;
    private (SymmetricKeyEncryptionKey Key, DateTimeOffset FetchedAt)? _current;

    /// <param name="client">The vault's secret client.</param>
    /// <param name="secretName">The secret whose versions are the key versions.</param>
    /// <param name="time">The clock for <paramref name="currentLifetime"/>.</param>
    /// <param name="currentLifetime">
    /// How long the current version is reused before asking the vault again (a rotation by another process is
    /// picked up within this time; payloads wrapped by the previous version stay readable either way).
    /// </param>
    public KeyVaultSecretKeyRing(SecretClient client, string secretName, TimeProvider time, TimeSpan currentLifetime)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrEmpty(secretName);
        _secretName = secretName;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _currentLifetime = currentLifetime;
    }

    public string WrapAlgorithm => SymmetricKeyEncryptionKey.Algorithm;

    public async Task<IKeyEncryptionKey> GetCurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && _time.GetUtcNow() - current.FetchedAt < _currentLifetime)
        {
            return current.Key;
        }

        KeyVaultSecret secret;
        try
        {
            secret = (await _client.GetSecretAsync(_secretName, version: null, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // First run against an empty vault: the first version is created here, as the local key file is.
            secret = await SetNewVersionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw new KeyRingException($"Key Vault refused to read secret '{_secretName}' ({e.Status} {e.ErrorCode}).", e);
        }

        var key = KeyFor(secret);
        _current = (key, _time.GetUtcNow());
        return key;
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        var key = KeyFor(await SetNewVersionAsync(cancellationToken).ConfigureAwait(false));
        _current = (key, _time.GetUtcNow());
        return key.KeyId;
    }

    public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default)
        => ResolveAsync(keyId, cancellationToken).GetAwaiter().GetResult();

    public async Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (_keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        if (!Uri.TryCreate(keyId, UriKind.Absolute, out var uri)
            || !KeyVaultSecretIdentifier.TryCreate(uri, out var id)
            || !string.Equals(id.Name, _secretName, StringComparison.Ordinal)
            || id.Version is null
            || !string.Equals(id.VaultUri.Host, _client.VaultUri.Host, StringComparison.OrdinalIgnoreCase))
        {
            throw new KeyNotFoundException($"Key id '{keyId}' is not a version of secret '{_secretName}' in {_client.VaultUri}.");
        }

        try
        {
            var secret = (await _client.GetSecretAsync(id.Name, id.Version, cancellationToken).ConfigureAwait(false)).Value;
            return KeyFor(secret);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new KeyNotFoundException($"Key version '{keyId}' no longer exists in Key Vault.", e);
        }
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
    }

    private async Task<KeyVaultSecret> SetNewVersionAsync(CancellationToken cancellationToken)
    {
        var material = RandomNumberGenerator.GetBytes(32);
        try
        {
            var secret = new KeyVaultSecret(_secretName, Convert.ToBase64String(material));
            secret.Properties.ContentType = ContentType;
            return (await _client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e)
        {
            throw new KeyRingException($"Key Vault refused to add a version of secret '{_secretName}' ({e.Status} {e.ErrorCode}).", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private SymmetricKeyEncryptionKey KeyFor(KeyVaultSecret secret)
    {
        var keyId = secret.Id.AbsoluteUri;
        if (_keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        var material = new byte[32];
        try
        {
            if (!Convert.TryFromBase64String(secret.Value, material, out var written) || written != 32)
            {
                throw new KeyRingException($"Secret '{_secretName}' version {secret.Properties.Version} is not a base64 256-bit key.");
            }

            var created = new SymmetricKeyEncryptionKey(keyId, material);
            var winner = _keys.GetOrAdd(keyId, created);
            if (!ReferenceEquals(winner, created))
            {
                created.Dispose();
            }

            return winner;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
