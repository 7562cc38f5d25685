namespace SubmissionGateway.Protection;

/// <summary>Configuration section <c>Protection:AzureBlob</c>, used when <see cref="ProtectionOptions.AttachmentStore"/> is AzureBlob.</summary>
public sealed class AzureBlobStoreOptions
{
    /// <summary>A storage connection string (Azurite, or an account key in a secret store).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service endpoint, reached with a managed identity when no connection string is given.</summary>
    public Uri? ServiceUri { get; set; }

    public string ContainerName { get; set; } = "attachments";
}
