using System.Text;
using Shouldly;
using SubmissionGateway.Benchmarks.X12;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>Segments that passed the element rules once in a transaction set are not checked again; a bad one is
/// reported every time it appears, and each transaction set starts afresh.</summary>
public sealed class CleanSegmentCacheTests
{
    [Fact]
    public void A_repeated_bad_segment_is_reported_at_every_occurrence()
    {
        var text = Encoding.ASCII.GetString(LargeClaimFile.Build(40_000));
        var occurrences = CountOf(text, "DTP*472*D8*20260910~");
        occurrences.ShouldBeGreaterThan(10);

        var report = Validate(text.Replace("DTP*472*D8*20260910~", "DTP*472*D8*20261310~", StringComparison.Ordinal));

        var bad = report.Findings.Where(f => f.SegmentId == "DTP" && f.BadValue == "20261310").ToList();
        bad.Count.ShouldBe(occurrences);
        bad.Select(f => f.SegmentPosition).Distinct().Count().ShouldBe(occurrences);
    }

    [Fact]
    public void Each_transaction_set_is_checked_afresh()
    {
        var text = Encoding.ASCII.GetString(LargeClaimFile.Build(20_000));
        var st = text.IndexOf("ST*837*", StringComparison.Ordinal);
        var se = text.IndexOf("SE*", StringComparison.Ordinal);
        var body = text[st..se];
        var segments = CountOf(body, "~") + 1;
        var second = body.Replace("ST*837*0001*", "ST*837*0002*", StringComparison.Ordinal)
            .Replace("DTP*472*D8*20260910~", "DTP*472*D8*2026091~", StringComparison.Ordinal);
        var file = text[..se] + $"SE*{segments}*0001~\n" + second + $"SE*{segments}*0002~\n" + "GE*2*101~\nIEA*1*000000101~\n";

        var report = Validate(file);

        var transactions = report.Transactions.ToList();
        transactions.Count.ShouldBe(2);
        transactions[0].Findings.ShouldBeEmpty();
        transactions[1].Findings.Count(f => f.SegmentId == "DTP").ShouldBe(CountOf(body, "DTP*472*D8*20260910~"));
    }

    private static ValidationReport Validate(string text) =>
        new X12Validator(options: new X12ValidatorOptions { TypedViews = false })
            .Validate(new MemoryStream(Encoding.ASCII.GetBytes(text)), TestContext.Current.CancellationToken);

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
