using System.Text;
using Shouldly;
using SubmissionGateway.X12.Claims;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class CodeTextCacheTests
{
    [Theory]
    [InlineData("ABCDEFG", "ABCDEFGx")]
    [InlineData("ABCDEFGx", "ABCDEFG")]
    [InlineData("A", "A\0")]
    [InlineData("20261110", "2026111")]
    public void Values_of_different_lengths_never_share_a_cached_string(string first, string second)
    {
        var cache = new CodeTextCache();

        var a = cache.Get(Encoding.Latin1.GetBytes(first));
        var b = cache.Get(Encoding.Latin1.GetBytes(second));

        a.ShouldBe(first);
        b.ShouldBe(second);
    }

    [Fact]
    public void A_repeated_value_is_one_string()
    {
        var cache = new CodeTextCache();

        var first = cache.Get("HC"u8);
        var again = cache.Get("HC"u8);

        again.ShouldBeSameAs(first);
        cache.Get("BK"u8).ShouldBe("BK");
    }
}
