using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// Payloads in a private Azure Blob container, sealed by the SDK's own client-side encryption v2 (AES-256-GCM,
/// 4 MiB regions, data key wrapped through our key ring). Blob names are random ids; metadata carries only the
/// SDK's wrapped key, and our storage and delivery times: no PHI.
/// </summary>
public sealed class BlobAttachmentStore : IAttachmentStore
{
    // The SDK keeps the wrapped key and its key id under this metadata key.
    private const string EncryptionDataKey = "encryptiondata";
    private const string StoredAtKey = "sgwstoredat";
    private const string DeliveredKey = "sgwdeliveredat";

    private readonly BlobContainerClient _container;
    private readonly IKeyRing _keys;
    private readonly TimeProvider _time;

    public BlobAttachmentStore(BlobContainerClient container, IKeyRing keys, TimeProvider time)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Creates the container private when absent; refuses one that allows anonymous reads.</summary>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        var policy = (await _container.GetAccessPolicyAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (policy.BlobPublicAccess != PublicAccessType.None)
        {
            throw new InvalidOperationException(
                $"Blob container '{_container.Name}' allows anonymous access ({policy.BlobPublicAccess}); attachments need a private container.");
        }
    }

    public async Task<AttachmentReceipt> PutAsync(Stream plaintext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var id = AttachmentId.New();
        var (blob, keyId) = await EncryptingClientAsync(id, cancellationToken).ConfigureAwait(false);
        var storedAt = _time.GetUtcNow();
        using var digest = new PlaintextDigestStream(plaintext);
        var options = new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { [StoredAtKey] = Format(storedAt) },
            // Never overwrite: ids are random, so a clash is a bug, not an update.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        // A block blob upload commits its block list last, so a failed upload never shows a partial blob.
        await blob.UploadAsync(digest, options, cancellationToken).ConfigureAwait(false);
        return new AttachmentReceipt(id, digest.BytesRead, digest.Sha256Hex(), keyId, storedAt);
    }

    public async Task<Stream> OpenReadAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var blob = DecryptingClient(id);
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new DecryptedBlobStream(download.Value.Content, id);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw AttachmentNotFoundException.For(id, e);
        }
        catch (KeyNotFoundException e)
        {
            throw new EnvelopeException($"The key version that wraps attachment {id} is not available.", e);
        }
        catch (CryptographicException e)
        {
            throw new EnvelopeException($"Attachment {id} could not be decrypted: wrong key, or its encryption data was altered.", e);
        }
    }

    public async Task<bool> DeleteAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        // The wrapped data key lives in the blob's metadata: deleting the blob (and its snapshots) destroys it.
        var response = await _container.GetBlobClient(id.Value)
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Value;
    }

    public async Task<string> RewrapAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var key = await _keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var plain = _container.GetBlobClient(id.Value);
        try
        {
            var properties = (await plain.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (KeyIdOf(properties.Metadata) == key.KeyId)
            {
                return key.KeyId;
            }

            await plain.UpdateClientSideKeyEncryptionKeyAsync(
                Options(key), new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken).ConfigureAwait(false);
            return key.KeyId;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw AttachmentNotFoundException.For(id, e);
        }
    }

    public async Task MarkDeliveryFinishedAsync(AttachmentId id, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(id.Value);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            // Set Blob Metadata replaces all of it: keep the SDK's encryption data or the payload is lost.
            var metadata = new Dictionary<string, string>(properties.Metadata, StringComparer.OrdinalIgnoreCase)
            {
                [DeliveredKey] = Format(finishedAt),
            };
            await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw AttachmentNotFoundException.For(id, e);
        }
    }

    public async IAsyncEnumerable<StoredAttachment> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            if (!AttachmentId.TryParse(item.Name, out var id))
            {
                continue;
            }

            yield return new StoredAttachment(id, KeyIdOf(item.Metadata) ?? "", Parse(item.Metadata, StoredAtKey), Parse(item.Metadata, DeliveredKey));
        }
    }

    private async Task<(BlobClient Client, string KeyId)> EncryptingClientAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var key = await _keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        return (_container.GetBlobClient(id.Value).WithClientSideEncryptionOptions(Options(key)), key.KeyId);
    }

    private BlobClient DecryptingClient(AttachmentId id)
    {
        // Decryption needs only the resolver: the SDK reads the key id from the blob's metadata.
        var options = new ClientSideEncryptionOptions(ClientSideEncryptionVersion.V2_0) { KeyResolver = _keys, KeyWrapAlgorithm = _keys.WrapAlgorithm };
        return _container.GetBlobClient(id.Value).WithClientSideEncryptionOptions(options);
    }

    private ClientSideEncryptionOptions Options(Azure.Core.Cryptography.IKeyEncryptionKey key) => new(ClientSideEncryptionVersion.V2_0)
    {
        KeyEncryptionKey = key,
        KeyResolver = _keys,
        KeyWrapAlgorithm = _keys.WrapAlgorithm,
    };

    private static string? KeyIdOf(IDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(EncryptionDataKey, out var json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("WrappedContentKey", out var wrapped) && wrapped.TryGetProperty("KeyId", out var keyId)
            ? keyId.GetString()
            : null;
    }

    private static DateTimeOffset? Parse(IDictionary<string, string> metadata, string key)
        => metadata.TryGetValue(key, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
