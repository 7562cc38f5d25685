using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// Signs and archives a new tree head when the ledger has grown. It verifies the whole ledger against the heads
/// already archived first, so it never vouches for a ledger that was tampered with since the last head.
/// </summary>
public sealed class TreeHeadPublisher
{
    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly ITreeHeadArchive _archive;
    private readonly TreeHeadSigner _signer;
    private readonly TimeProvider _time;

    public TreeHeadPublisher(IDbContextFactory<GatewayDbContext> databases, ITreeHeadArchive archive, TreeHeadSigner signer, TimeProvider time)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _archive = archive ?? throw new ArgumentNullException(nameof(archive));
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The new head, or null when the ledger has not grown since the last one.</summary>
    /// <exception cref="LedgerTamperedException">The ledger no longer matches its archived heads.</exception>
    public async Task<SignedTreeHead?> PublishAsync(CancellationToken cancellationToken)
    {
        var heads = new List<SignedTreeHead>();
        await foreach (var head in _archive.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            heads.Add(head);
        }

        using var key = new TreeHeadVerifier(_signer.ExportPublicKey());
        var result = await new LedgerVerifier(heads, key)
            .VerifyStoredAsync(_databases, cancellationToken).ConfigureAwait(false);
        if (!result.IsIntact)
        {
            throw new LedgerTamperedException(result);
        }

        // Only from leaves just verified: the nodes that make inclusion proofs O(log n).
        await LedgerNodeStore.ExtendAsync(_databases, result.EntriesChecked, cancellationToken).ConfigureAwait(false);

        // An empty ledger gets no head: the verifier only meets a head once entries reach its size, so a signed
        // size-0 head could never be matched and would make the first real entry look like a deletion.
        if (result.EntriesChecked == 0 || (heads.Count > 0 && heads.Max(h => h.TreeSize) >= result.EntriesChecked))
        {
            return null;
        }

        var signed = _signer.Sign(result.EntriesChecked, result.RootHash!, _time.GetUtcNow());
        try
        {
            await _archive.WriteAsync(signed, cancellationToken).ConfigureAwait(false);
        }
        catch (TreeHeadAlreadyArchivedException)
        {
            // Another process signed the same size first; its head says the same thing.
            return null;
        }

        return signed;
    }
}
