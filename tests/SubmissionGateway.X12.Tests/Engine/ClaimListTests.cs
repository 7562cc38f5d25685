using Shouldly;
using SubmissionGateway.X12.Claims;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class ClaimListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(20_000)]
    public void Keeps_every_claim_in_file_order_across_its_blocks(int count)
    {
        var list = new ClaimList();
        for (var i = 0; i < count; i++)
        {
            list.Add(new Claim { Id = $"SGW-{i:D6}" });
        }

        list.Count.ShouldBe(count);
        var index = 0;
        foreach (var claim in list)
        {
            claim.Id.ShouldBe($"SGW-{index:D6}");
            list[index].ShouldBeSameAs(claim);
            index++;
        }

        index.ShouldBe(count);
        ((IEnumerable<Claim>)list).Select(c => c.Id).ShouldBe(Enumerable.Range(0, count).Select(i => $"SGW-{i:D6}"));
        Should.Throw<ArgumentOutOfRangeException>(() => list[count]);
        Should.Throw<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void Exists_and_true_for_all_look_at_every_claim()
    {
        var list = new ClaimList();
        for (var i = 0; i < 5000; i++)
        {
            list.Add(new Claim { Id = i == 4500 ? "LATE" : "SGW" });
        }

        list.Exists(c => c.Id == "LATE").ShouldBeTrue();
        list.Exists(c => c.Id == "NONE").ShouldBeFalse();
        list.TrueForAll(c => c.Id.Length >= 3).ShouldBeTrue();
        list.TrueForAll(c => c.Id == "SGW").ShouldBeFalse();
        new ClaimList().TrueForAll(_ => false).ShouldBeTrue();
    }

    [Fact]
    public void A_large_batch_keeps_no_claim_in_an_array_on_the_large_object_heap()
    {
        var list = new ClaimList();
        for (var i = 0; i < 50_000; i++)
        {
            list.Add(new Claim());
        }

        // Blocks are what the list allocates; none may reach the large object heap, which the GC counts as old.
        var blocks = typeof(ClaimList).GetField("_blocks", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(list).ShouldBeOfType<List<Claim[]>>();
        blocks.ShouldAllBe(b => b.Length * IntPtr.Size < 85_000);
        blocks.Sum(b => b.Length).ShouldBeGreaterThanOrEqualTo(50_000);
    }
}
