using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// One JSON blob per head (sth-00000000000000001000.json) in a dedicated container. Each head is a single Put Blob
/// with <c>If-None-Match: *</c>, so it appears whole or not at all and a second head of the same size is refused by
/// the service itself, whichever process writes it. Heads carry no PHI (a size, a root hash, a time, a signature),
/// so they are stored in the clear: verification needs no key but the public one. Pair the container with an
/// immutability policy in production for storage-level write-once as well.
/// </summary>
public sealed class BlobTreeHeadArchive : ITreeHeadArchive
{
    private const string Prefix = "sth-";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly BlobContainerClient _container;

    public BlobTreeHeadArchive(BlobContainerClient container)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
    }

    /// <summary>Creates the container private when absent.</summary>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken) =>
        await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task WriteAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        var blob = _container.GetBlobClient(BlobName(head.TreeSize));
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(head, Json));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            try
            {
                await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
                await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new TreeHeadAlreadyArchivedException(
                $"A signed tree head for size {head.TreeSize} is already archived in container '{_container.Name}'; heads are never replaced.", e);
        }
    }

    public async IAsyncEnumerable<SignedTreeHead> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await _container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        // The service lists names in lexicographic order, and zero-padded sizes make that increasing tree size.
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken).ConfigureAwait(false))
        {
            var content = (await _container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            SignedTreeHead? head;
            try
            {
                head = content.ToObjectFromJson<SignedTreeHead>(Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"The tree head blob '{item.Name}' is not a signed tree head: {e.Message}", e);
            }

            yield return head ?? throw new InvalidDataException($"The tree head blob '{item.Name}' is empty.");
        }
    }

    private static string BlobName(long size) => Prefix + size.ToString("D20", CultureInfo.InvariantCulture) + ".json";
}
