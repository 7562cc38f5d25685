namespace SubmissionGateway.Disclosures;

/// <summary>The audit path proving entry <see cref="LeafIndex"/> is in the tree of <see cref="TreeSize"/> entries.</summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<byte[]> AuditPath);
