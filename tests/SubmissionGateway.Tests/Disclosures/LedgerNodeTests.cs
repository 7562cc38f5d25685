using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>Inclusion proofs from stored subtree nodes must equal the proofs computed from every leaf.</summary>
public sealed class LedgerNodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<byte[]>> LeavesAsync(LedgerFixture fixture)
    {
        await using var db = fixture.Database.Factory.CreateDbContext();
        return await db.DisclosureEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.LeafHash).ToListAsync(Ct);
    }

    private static async Task<List<(int Level, long Index)>> NodesAsync(LedgerFixture fixture)
    {
        await using var db = fixture.Database.Factory.CreateDbContext();
        var nodes = await db.LedgerNodes.AsNoTracking().OrderBy(n => n.Level).ThenBy(n => n.NodeIndex).ToListAsync(Ct);
        return nodes.Select(n => (n.Level, n.NodeIndex)).ToList();
    }

    private static async Task AppendAsync(LedgerFixture fixture, int from, int count) =>
        await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(from, count).Select(n => LedgerFixture.Record(n)).ToList(), Ct);

    private static IEnumerable<long> Sample(long size) =>
        new long[] { 0, 1, 255, 256, 511, 512, 1023, 1024, 1279, 1280, size - 1 }.Concat(Enumerable.Range(0, (int)size).Where(i => i % 37 == 0).Select(i => (long)i))
            .Where(i => i < size).Distinct();

    private static async Task ProofsMatchLeafProofsAsync(LedgerFixture fixture, long size)
    {
        var leaves = await LeavesAsync(fixture);
        var root = MerkleTree.Root(leaves, size);
        foreach (var index in Sample(size))
        {
            var proof = await fixture.Ledger.ProveAsync(index, size, Ct);
            proof.AuditPath.Select(Convert.ToHexString).ShouldBe(MerkleTree.InclusionProof(leaves, index, size).Select(Convert.ToHexString), $"leaf {index} of {size}");
            MerkleTree.VerifyInclusion(leaves[(int)index], index, size, proof.AuditPath, root).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Publishing_stores_complete_subtrees_and_proofs_equal_the_leaf_proofs(DatabaseProvider provider)
    {
        await using var fixture = await LedgerFixture.CreateAsync(provider, Ct);
        await AppendAsync(fixture, 0, 1_300);
        await fixture.Publisher.PublishAsync(Ct);

        // 1,300 leaves: five complete 256-leaf blocks (1,280), two of 512, one of 1,024; the 20-leaf tail is not stored.
        (await NodesAsync(fixture)).ShouldBe([(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (9, 0), (9, 1), (10, 0)]);
        foreach (var size in new long[] { 1_300, 1_280, 1_024, 700, 257, 256, 1 })
        {
            await ProofsMatchLeafProofsAsync(fixture, size);
        }

        // The next head extends the nodes from where they stopped.
        await AppendAsync(fixture, 1_300, 300);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await fixture.Publisher.PublishAsync(Ct);

        (await NodesAsync(fixture)).Count(n => n.Level == 8).ShouldBe(6);
        (await NodesAsync(fixture)).ShouldContain((9, 2));
        await ProofsMatchLeafProofsAsync(fixture, 1_600);
    }

    [Fact]
    public async Task A_forged_node_gives_a_proof_that_fails_against_the_signed_head()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await AppendAsync(fixture, 0, 600);
        var head = (await fixture.Publisher.PublishAsync(Ct)).ShouldNotBeNull();
        var entry = (await fixture.Ledger.FindAsync(10, Ct)).ShouldNotBeNull();
        DisclosureProofVerifier.Verify(entry, await fixture.Ledger.ProveAsync(10, head.TreeSize, Ct), head, fixture.Verifier).ShouldBeTrue();

        // Entry 10's path uses the stored block [256, 512) as a sibling.
        await fixture.Database.ExecuteAsync("""UPDATE ledger_nodes SET "Hash" = zeroblob(32) WHERE "Level" = 8 AND "NodeIndex" = 1""", Ct);

        DisclosureProofVerifier.Verify(entry, await fixture.Ledger.ProveAsync(10, head.TreeSize, Ct), head, fixture.Verifier).ShouldBeFalse();
    }
}
