namespace SubmissionGateway.Disclosures;

/// <summary>
/// Checks, offline, that an entry is in the ledger: all it needs is the entry, its inclusion proof, a signed tree
/// head and the ledger's public key. No database, no network.
/// </summary>
public static class DisclosureProofVerifier
{
    public static bool Verify(DisclosureEntry entry, InclusionProof proof, SignedTreeHead head, TreeHeadVerifier trustedKey)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(trustedKey);
        if (!trustedKey.Verify(head) || proof.TreeSize != head.TreeSize || proof.LeafIndex != entry.Sequence)
        {
            return false;
        }

        var leaf = DisclosureEntryCanonicalForm.LeafHash(entry);
        return MerkleTree.VerifyInclusion(leaf, proof.LeafIndex, proof.TreeSize, proof.AuditPath, head.RootHash);
    }
}
