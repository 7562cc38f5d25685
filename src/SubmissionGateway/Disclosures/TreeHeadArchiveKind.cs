namespace SubmissionGateway.Disclosures;

/// <summary>Where signed tree heads are archived, outside the database.</summary>
public enum TreeHeadArchiveKind
{
    /// <summary>Write-once files in <see cref="DisclosureLedgerOptions.TreeHeadDirectory"/> (the embedded default).</summary>
    FileSystem,

    /// <summary>Write-once blobs in a dedicated Azure Blob Storage container (<see cref="DisclosureLedgerOptions.TreeHeadBlob"/>).</summary>
    AzureBlob,
}
