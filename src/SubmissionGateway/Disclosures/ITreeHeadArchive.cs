namespace SubmissionGateway.Disclosures;

/// <summary>
/// Where signed tree heads live, outside the database, write-once. The file-system archive is the default; the
/// attachment stores can implement this later so heads sit beside the encrypted payloads.
/// </summary>
public interface ITreeHeadArchive
{
    /// <summary>Stores a head; a head of the same size already stored is never replaced.</summary>
    Task WriteAsync(SignedTreeHead head, CancellationToken cancellationToken);

    /// <summary>Every stored head, in increasing tree size.</summary>
    IAsyncEnumerable<SignedTreeHead> ReadAllAsync(CancellationToken cancellationToken);
}
