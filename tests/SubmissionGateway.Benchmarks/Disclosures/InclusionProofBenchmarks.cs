using BenchmarkDotNet.Attributes;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Benchmarks.Disclosures;

/// <summary>Producing and checking an inclusion proof in a million-leaf tree; baseline is hashing one leaf.</summary>
[MemoryDiagnoser]
public class InclusionProofBenchmarks
{
    private List<byte[]> _leaves = [];
    private byte[] _root = [];
    private IReadOnlyList<byte[]> _proof = [];
    private readonly byte[] _entry = new byte[300];

    [Params(1_000_000)]
    public int TreeSize { get; set; }

    public long Index => TreeSize * 3L / 7;

    [GlobalSetup]
    public void Setup()
    {
        _leaves = Enumerable.Range(0, TreeSize).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
        _root = MerkleTree.Root(_leaves, TreeSize);
        _proof = MerkleTree.InclusionProof(_leaves, Index, TreeSize);
        Console.WriteLine($"// proof for leaf {Index} of {TreeSize}: {_proof.Count} hashes = {_proof.Count * 32} bytes");
    }

    [Benchmark(Baseline = true, Description = "SHA-256 leaf hash of one entry (baseline)")]
    public byte[] LeafHash() => MerkleTree.LeafHash(_entry);

    [Benchmark(Description = "Verify inclusion proof")]
    public bool VerifyProof() => MerkleTree.VerifyInclusion(_leaves[(int)Index], Index, TreeSize, _proof, _root);

    [Benchmark(Description = "Produce inclusion proof (from leaf hashes)")]
    public int ProduceProof() => MerkleTree.InclusionProof(_leaves, Index, TreeSize).Count;
}
