using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Disclosures;

/// <summary>Verifies a stored ledger against its archived, signed tree heads (what `sgw ledger verify` runs).</summary>
public static class LedgerAudit
{
    public static async Task<LedgerVerificationResult> VerifyAsync(
        IDbContextFactory<GatewayDbContext> databases,
        ITreeHeadArchive archive,
        TreeHeadVerifier trustedKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var heads = new List<SignedTreeHead>();
        await foreach (var head in archive.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            heads.Add(head);
        }

        return await new LedgerVerifier(heads, trustedKey)
            .VerifyStoredAsync(databases, cancellationToken).ConfigureAwait(false);
    }
}
