namespace SubmissionGateway.Protection;

/// <summary>Where encrypted attachment payloads are stored.</summary>
public enum AttachmentStoreKind
{
    /// <summary>Sealed files in the data folder (the embedded default).</summary>
    FileSystem,

    /// <summary>A private Azure Blob Storage container with client-side encryption v2.</summary>
    AzureBlob,
}
