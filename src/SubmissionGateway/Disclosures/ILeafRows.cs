namespace SubmissionGateway.Disclosures;

/// <summary>A batch of ledger rows as the verifier's sequential check sees them, whether entities or raw rows.</summary>
internal interface ILeafRows
{
    long Sequence(int index);

    bool StoredLeafMatches(int index, ReadOnlySpan<byte> leaf);
}
