using Shouldly;
using SubmissionGateway.X12.Edits;
using SubmissionGateway.X12.Guides;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>The data-declared SNIP 4 rules name guides, segments and positions that exist.</summary>
public sealed class SituationalRuleBookTests
{
    [Fact]
    public void The_embedded_rules_load()
    {
        SituationalRuleBook.Embedded.Rules.Select(r => r.Id).ShouldBe(
            ["pwk-control-number", "pwk-on-request-no-control-number", "organization-has-no-personal-name"], ignoreOrder: true);
    }

    [Fact]
    public void Every_rule_refers_to_real_guides_segments_and_positions()
    {
        foreach (var rule in SituationalRuleBook.Embedded.Rules)
        {
            rule.Guides.ShouldNotBeEmpty(rule.Id);
            foreach (var id in rule.Guides)
            {
                var guide = GuideCatalog.Embedded.Find(id).ShouldNotBeNull($"{rule.Id}: guide {id}");
                var segments = Segments(guide.Transaction).Where(s => s.Id == rule.Segment).ToList();
                segments.ShouldNotBeEmpty($"{rule.Id}: {rule.Segment} in {id}");
                var width = segments.Max(s => s.Elements.Count);
                rule.Require.Concat(rule.Forbid).Append(rule.WhenElement).ShouldAllBe(p => p >= 1 && p <= width, rule.Id);
            }

            (rule.Require.Count + rule.Forbid.Count).ShouldBeGreaterThan(0, rule.Id);
            rule.Source.ShouldNotBeNullOrWhiteSpace(rule.Id);
        }
    }

    private static IEnumerable<SegmentDefinition> Segments(LoopDefinition loop) =>
        loop.Children.SelectMany(c => c is LoopDefinition nested ? Segments(nested) : [(SegmentDefinition)c]);
}
