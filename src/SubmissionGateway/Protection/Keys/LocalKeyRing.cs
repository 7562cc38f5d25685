using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core.Cryptography;

namespace SubmissionGateway.Protection.Keys;

/// <summary>
/// The embedded default: key-encryption key versions in a JSON file, created on first use with mode 0600 and
/// refused when group or others can read it. Key ids look like <c>local:3f9a…:v2</c>.
/// </summary>
public sealed class LocalKeyRing : IKeyRing, IDisposable
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, SymmetricKeyEncryptionKey> _keys = new(StringComparer.Ordinal);
    private LoadedKeyFile? _loaded;

    public LocalKeyRing(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public string WrapAlgorithm => SymmetricKeyEncryptionKey.Algorithm;

    public string FilePath => _path;

    /// <summary>Creates the key file when absent, then checks its permissions; call at start-up to fail early.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken) => _ = await LoadAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IKeyEncryptionKey> GetCurrentAsync(CancellationToken cancellationToken)
    {
        // Read each time: `sgw keys rotate` in another process changes the current version.
        var file = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return KeyFor(file, file.Current);
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        // Create the file (first version) outside the gate: creation takes the gate itself.
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A fresh parse, never the cached one: readers must not see a version before it is saved.
            var file = await ParseAsync(cancellationToken).ConfigureAwait(false);
            var parts = file.Current.Split(':');
            var ring = parts.Length == 3 ? parts[1] : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var version = AddVersion(file, ring);
            Save(file);
            return version.Id;
        }
        finally
        {
            _gate.Release();
        }
    }

    public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default)
        => ResolveAsync(keyId, cancellationToken).GetAwaiter().GetResult();

    public async Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default)
    {
        if (_keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        var file = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return KeyFor(file, keyId);
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
        _gate.Dispose();
    }

    private SymmetricKeyEncryptionKey KeyFor(LocalKeyFile file, string keyId)
    {
        if (_keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        var version = file.Versions.Find(v => v.Id == keyId)
            ?? throw new KeyNotFoundException($"Key version '{keyId}' is not in the key file '{_path}'.");
        var created = new SymmetricKeyEncryptionKey(version.Id, version.Key);
        var winner = _keys.GetOrAdd(keyId, created);
        if (!ReferenceEquals(winner, created))
        {
            created.Dispose();
        }

        return winner;
    }

    private async Task<LocalKeyFile> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            await CreateAsync(cancellationToken).ConfigureAwait(false);
        }

        OwnerOnlyFile.RequireOwnerOnly(_path);

        // Every seal asks for the current version, so the parsed file is kept while the file on disk is the same
        // one: a rotation (here or by `sgw keys rotate` elsewhere) replaces it by rename, which changes both stamps.
        var info = new FileInfo(_path);
        var stamp = (info.LastWriteTimeUtc, info.Length);
        if (_loaded is { } loaded && loaded.Stamp == stamp)
        {
            return loaded.File;
        }

        var parsed = await ParseAsync(cancellationToken).ConfigureAwait(false);
        _loaded = new LoadedKeyFile(stamp, parsed);
        return parsed;
    }

    private async Task<LocalKeyFile> ParseAsync(CancellationToken cancellationToken)
    {
        LocalKeyFile? file;
        try
        {
            var json = await File.ReadAllBytesAsync(_path, cancellationToken).ConfigureAwait(false);
            try
            {
                // An editor may have added a byte-order mark; the JSON reader does not accept one.
                var content = json.AsSpan();
                file = JsonSerializer.Deserialize<LocalKeyFile>(content.StartsWith("\uFEFF"u8) ? content[3..] : content);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(json);
            }
        }
        catch (JsonException e)
        {
            throw new KeyRingException($"The key file '{_path}' is damaged (not valid JSON); restore it from backup.", e);
        }

        if (file is null || file.Format != 1 || file.Versions.Count == 0 || file.Versions.TrueForAll(v => v.Id != file.Current)
            || file.Versions.Exists(v => v.Key.Length != 32))
        {
            throw new KeyRingException($"The key file '{_path}' is damaged (no usable current version); restore it from backup.");
        }

        return file;
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(_path))
            {
                return;
            }

            var file = new LocalKeyFile();
            AddVersion(file, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
            Save(file);
        }
        finally
        {
            _gate.Release();
        }
    }

    private LocalKeyVersion AddVersion(LocalKeyFile file, string ring)
    {
        var version = new LocalKeyVersion
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"local:{ring}:v{file.Versions.Count + 1}"),
            Created = _time.GetUtcNow(),
            Key = RandomNumberGenerator.GetBytes(32),
        };
        file.Versions.Add(version);
        file.Current = version.Id;
        return version;
    }

    private void Save(LocalKeyFile file)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(file, new JsonSerializerOptions { WriteIndented = true });
        try
        {
            OwnerOnlyFile.WriteAtomically(_path, json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }
}
