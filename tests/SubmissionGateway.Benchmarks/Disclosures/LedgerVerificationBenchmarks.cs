using System.Buffers;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Benchmarks.Disclosures;

/// <summary>
/// Verifying a ledger of one million entries (canonical encoding, leaf hash, tree, one signed head at the end)
/// against the baseline of plain SHA-256 over the same entry bytes: the ratio is what the Merkle work costs.
/// </summary>
[MemoryDiagnoser]
public class LedgerVerificationBenchmarks
{
    private DisclosureEntry[] _entries = [];
    private byte[][] _canonical = [];
    private SignedTreeHead _head = null!;
    private TreeHeadVerifier _key = null!;

    [Params(1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _entries = LedgerSamples.Entries(Entries);
        var buffer = new ArrayBufferWriter<byte>();
        _canonical = new byte[_entries.Length][];
        var tree = new MerkleTreeBuilder();
        for (var i = 0; i < _entries.Length; i++)
        {
            DisclosureEntryCanonicalForm.Write(_entries[i], buffer);
            _canonical[i] = buffer.WrittenSpan.ToArray();
            tree.Append(_entries[i].LeafHash);
        }

        using var signer = new TreeHeadSigner(TreeHeadSigner.CreateKey());
        _head = signer.Sign(_entries.Length, tree.Root(), DateTimeOffset.UtcNow);
        _key = new TreeHeadVerifier(signer.ExportPublicKey());
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true, Description = "SHA-256 over each entry's bytes (baseline)")]
    public int PlainSha256()
    {
        Span<byte> hash = stackalloc byte[32];
        var x = 0;
        foreach (var bytes in _canonical)
        {
            SHA256.HashData(bytes, hash);
            x ^= hash[0];
        }

        return x;
    }

    [Benchmark(Description = "Verify ledger (encode + leaf + tree + head)")]
    public bool Verify() => new LedgerVerifier([_head], _key).Verify(_entries).IsIntact;
}
