using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Compliance;

/// <summary>The answer of <c>POST /compliance/ledger/verify</c> and of the console's ledger page.</summary>
public sealed record LedgerCheck(bool IsIntact, long EntriesChecked, int HeadsChecked, long? FirstBadSequence, string? Problem, string? RootHash)
{
    /// <summary>Recomputes the ledger's Merkle tree and checks every archived signed head against it.</summary>
    public static async Task<LedgerCheck> RunAsync(
        IDbContextFactory<GatewayDbContext> databases, ITreeHeadArchive heads, TreeHeadSigner signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        using var key = new TreeHeadVerifier(signer.ExportPublicKey());
        var result = await LedgerAudit.VerifyAsync(databases, heads, key, cancellationToken).ConfigureAwait(false);
        return new LedgerCheck(result.IsIntact, result.EntriesChecked, result.HeadsChecked, result.FirstBadSequence, result.Problem,
            result.RootHash is null ? null : Convert.ToHexStringLower(result.RootHash));
    }
}
