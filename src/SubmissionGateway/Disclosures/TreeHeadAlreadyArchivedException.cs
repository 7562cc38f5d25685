namespace SubmissionGateway.Disclosures;

/// <summary>A head for this tree size is already archived; archives are write-once.</summary>
public sealed class TreeHeadAlreadyArchivedException : Exception
{
    public TreeHeadAlreadyArchivedException()
    {
    }

    public TreeHeadAlreadyArchivedException(long treeSize)
        : base($"A signed tree head for size {treeSize} is already archived; heads are never replaced.")
    {
        TreeSize = treeSize;
    }

    public TreeHeadAlreadyArchivedException(string message)
        : base(message)
    {
    }

    public TreeHeadAlreadyArchivedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long TreeSize { get; }
}
