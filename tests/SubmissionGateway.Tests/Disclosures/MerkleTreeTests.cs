using System.Security.Cryptography;
using Shouldly;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Tests.Disclosures;

public sealed class MerkleTreeTests
{
    private static List<byte[]> Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();

    /// <summary>RFC 6962 section 2.1, written as literally as possible to check the fast builder against.</summary>
    private static byte[] ReferenceRoot(List<byte[]> leaves, int start, int n)
    {
        if (n == 0)
        {
            return SHA256.HashData([]);
        }

        if (n == 1)
        {
            return leaves[start];
        }

        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. ReferenceRoot(leaves, start, k), .. ReferenceRoot(leaves, start + k, n - k)]);
    }

    [Fact]
    public void Leaf_and_node_hashes_are_domain_separated_as_in_rfc_6962()
    {
        byte[] entry = [1, 2, 3];
        MerkleTree.LeafHash(entry).ShouldBe(SHA256.HashData([0x00, 1, 2, 3]));
        MerkleTree.EmptyRoot().ShouldBe(Convert.FromHexString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    [Fact]
    public void Builder_root_matches_the_rfc_definition_at_every_size()
    {
        var leaves = Leaves(70);
        var builder = new MerkleTreeBuilder();
        for (var n = 1; n <= leaves.Count; n++)
        {
            builder.Append(leaves[n - 1]);
            builder.Root().ShouldBe(ReferenceRoot(leaves, 0, n), $"size {n}");
        }
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_a_bent_one_does_not()
    {
        var leaves = Leaves(33);
        for (var size = 1; size <= leaves.Count; size++)
        {
            var root = MerkleTree.Root(leaves, size);
            for (var index = 0; index < size; index++)
            {
                var path = MerkleTree.InclusionProof(leaves, index, size);
                MerkleTree.VerifyInclusion(leaves[index], index, size, path, root).ShouldBeTrue($"{index} of {size}");
                if (path.Count > 0)
                {
                    var bent = path.Select(p => p.ToArray()).ToList();
                    bent[0][0] ^= 1;
                    MerkleTree.VerifyInclusion(leaves[index], index, size, bent, root).ShouldBeFalse();
                }

                if (size > 1)
                {
                    MerkleTree.VerifyInclusion(leaves[index], (index + 1) % size, size, path, root).ShouldBeFalse();
                }
            }
        }
    }
}
