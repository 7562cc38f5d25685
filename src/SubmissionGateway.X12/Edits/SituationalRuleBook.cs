using System.Text.Json;
using SubmissionGateway.X12.Guides;

namespace SubmissionGateway.X12.Edits;

/// <summary>The situational rules of schemas/x12/rules, embedded in the library and looked up by guide and segment.</summary>
public sealed class SituationalRuleBook
{
    private static readonly Lazy<SituationalRuleBook> EmbeddedBook = new(LoadEmbedded);
    private static readonly Dictionary<int, SituationalRule[]> NoRules = [];
    private readonly Dictionary<(string Guide, int Segment), SituationalRule[]> _rules = [];

    // Per guide, keyed by segment only: the validator asks once per segment, so no string hashing on that path.
    private readonly Dictionary<string, Dictionary<int, SituationalRule[]>> _byGuide = new(StringComparer.Ordinal);

    public SituationalRuleBook(IEnumerable<SituationalRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
        foreach (var group in Rules.SelectMany(r => r.Guides.Select(g => (Guide: g, Rule: r))).GroupBy(x => (x.Guide, x.Rule.SegmentKey)))
        {
            _rules[group.Key] = [.. group.Select(x => x.Rule)];
            if (!_byGuide.TryGetValue(group.Key.Guide, out var segments))
            {
                segments = [];
                _byGuide[group.Key.Guide] = segments;
            }

            segments[group.Key.SegmentKey] = _rules[group.Key];
        }
    }

    public static SituationalRuleBook Embedded => EmbeddedBook.Value;

    public IReadOnlyList<SituationalRule> Rules { get; }

    /// <summary>The rules for a segment in a guide; empty when there are none (no allocation).</summary>
    public ReadOnlySpan<SituationalRule> For(string guide, int segmentKey) =>
        _rules.TryGetValue((guide, segmentKey), out var rules) ? rules : [];

    /// <summary>All the rules of one guide keyed by segment, for a caller that asks per segment of one transaction set.</summary>
    internal Dictionary<int, SituationalRule[]> ForGuide(string guide) =>
        _byGuide.TryGetValue(guide, out var segments) ? segments : NoRules;

    public static SituationalRuleBook Load(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var rules = new List<SituationalRule>();
        foreach (var rule in document.RootElement.GetProperty("rules").EnumerateArray())
        {
            var id = rule.GetProperty("id").GetString() ?? throw new FormatException("A situational rule has no id.");
            var when = rule.GetProperty("when");
            rules.Add(new SituationalRule(
                id,
                [.. rule.GetProperty("guides").EnumerateArray().Select(g => g.GetString() ?? string.Empty)],
                rule.GetProperty("segment").GetString() ?? throw new FormatException($"Rule {id} names no segment."),
                when.GetProperty("element").GetInt32(),
                when.TryGetProperty("in", out var inCodes) ? new CodeList(inCodes.EnumerateArray().Select(c => c.GetString() ?? string.Empty)) : null,
                when.TryGetProperty("notIn", out var notIn) ? new CodeList(notIn.EnumerateArray().Select(c => c.GetString() ?? string.Empty)) : null,
                Positions(rule, "require"),
                Positions(rule, "forbid"),
                rule.GetProperty("statusCode").GetString() ?? "21",
                rule.GetProperty("message").GetString() ?? id,
                rule.TryGetProperty("source", out var source) ? source.GetString() ?? string.Empty : string.Empty));
        }

        return new SituationalRuleBook(rules);
    }

    private static int[] Positions(JsonElement rule, string name) =>
        rule.TryGetProperty(name, out var list) ? [.. list.EnumerateArray().Select(p => p.GetInt32())] : [];

    private static SituationalRuleBook LoadEmbedded()
    {
        var assembly = typeof(SituationalRuleBook).Assembly;
        var rules = new List<SituationalRule>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Rules.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            rules.AddRange(Load(stream).Rules);
        }

        return new SituationalRuleBook(rules);
    }
}
