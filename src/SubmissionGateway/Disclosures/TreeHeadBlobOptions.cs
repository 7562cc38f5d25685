using Azure.Identity;
using Azure.Storage.Blobs;

namespace SubmissionGateway.Disclosures;

/// <summary>Configuration section <c>Disclosures:TreeHeadBlob</c>, used when the archive kind is AzureBlob.</summary>
public sealed class TreeHeadBlobOptions
{
    /// <summary>A storage connection string (Azurite, or an account key from a secret store).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service endpoint, reached with a managed identity when no connection string is given.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>A container of its own: heads are public statements, kept apart from the encrypted payloads.</summary>
    public string ContainerName { get; set; } = "tree-heads";

    /// <summary>The container client these options describe.</summary>
    public BlobContainerClient CreateContainerClient()
    {
        var service = string.IsNullOrWhiteSpace(ConnectionString)
            ? new BlobServiceClient(ServiceUri ?? throw new InvalidOperationException("Tree-head blob storage needs a ConnectionString or a ServiceUri."), new DefaultAzureCredential())
            : new BlobServiceClient(ConnectionString);
        return service.GetBlobContainerClient(ContainerName);
    }
}
