using Shouldly;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>The hash index finds exactly the codes a plain binary search finds, at every table size.</summary>
public sealed class CodeTableTests
{
    [Theory]
    [InlineData(10)] // binary search only
    [InlineData(255)]
    [InlineData(256)] // hash index from here
    [InlineData(1_000)]
    [InlineData(98_304)] // 0.75 load: the densest index an ICD-10-CM year can give
    public void Lookup_agrees_with_a_plain_binary_search(int count)
    {
        var random = new Random(count);
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        string Code() => new([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

        var builder = new CodeTableBuilder(withFlags: false, withDates: false);
        var present = new HashSet<string>(StringComparer.Ordinal);
        while (present.Count < count)
        {
            var code = Code();
            if (present.Add(code))
            {
                builder.TryAdd(code).ShouldBeTrue();
            }
        }

        var table = builder.Build();
        var keys = table.Keys.ToArray();
        foreach (var code in present.Concat(Enumerable.Range(0, 2_000).Select(_ => Code())))
        {
            CodeKey.TryPack(code.AsSpan(), out var key).ShouldBeTrue();
            var expected = Array.BinarySearch(keys, key);
            table.IndexOf(key).ShouldBe(expected >= 0 ? expected : -1, code);
            (table.IndexOf(key) >= 0).ShouldBe(present.Contains(code), code);
        }
    }

    [Fact]
    public void Unsorted_or_duplicate_keys_are_refused()
    {
        Should.Throw<ArgumentException>(() => new CodeTable([2, 1], null, null, null));
        Should.Throw<ArgumentException>(() => new CodeTable([1, 1], null, null, null));
        Should.Throw<ArgumentException>(() => new CodeTable([0, 1], null, null, null));
        new CodeTableBuilder(false, false).TryAdd("A00").ShouldBeTrue();
    }
}
