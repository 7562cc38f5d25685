using Shouldly;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SubmissionGateway.X12.Tests.Guides;

/// <summary>Every schemas/x12 file satisfies the invariants schemas/x12/README.md promises the loader.</summary>
public sealed partial class GuideFormatTests
{
    private static readonly HashSet<string> Usages = ["R", "S", "N"];
    private static readonly HashSet<string> Types = ["AN", "ID", "DT", "TM", "N0", "N1", "N2", "N3", "N4", "R", "B"];

    public static TheoryData<string> Guides => GuideFiles.Names;

    [Fact]
    public void EveryGuideTheGatewayNeedsIsCheckedIn()
    {
        GuideFiles.Names.Select(n => n.Data).ShouldBe(
            ["005010X210.json", "005010X213.json", "005010X214.json", "005010X222A1.json", "005010X223A2.json", "005010X224A2.json", "005010X231A1.json"],
            ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Guides))]
    public void HeaderNamesTheGuideItsFileIsNamedFor(string file)
    {
        using var guide = GuideFiles.Load(file);
        var root = guide.RootElement;
        root.Str("id").ShouldBe(Path.GetFileNameWithoutExtension(file));
        root.Str("transactionSet").ShouldMatch("^[0-9]{3}$");
        root.Str("functionalGroup").ShouldMatch("^[A-Z]{2}$");
        root.Str("name").ShouldNotBeNullOrWhiteSpace();
        root.Str("source").ShouldNotBeNullOrWhiteSpace();
        root.GetProperty("errata").EnumerateArray().ShouldAllBe(e => e.GetString()!.StartsWith("005010X", StringComparison.Ordinal));

        var transaction = guide.Transaction();
        transaction.Str("id").ShouldBe("ST_LOOP");
        var children = transaction.Children().ToList();
        children[0].Str("id").ShouldBe("ST");
        children[^1].Str("id").ShouldBe("SE");
        children[0].Element("ST01").Codes().ShouldBe([root.Str("transactionSet")]);
        children[0].Element("ST03").Codes().ShouldContain(root.Str("id"));
    }

    [Theory]
    [MemberData(nameof(Guides))]
    public void LoopsStartWithTheirTriggerSegmentAndCountsAreValid(string file)
    {
        using var guide = GuideFiles.Load(file);
        var problems = new List<string>();
        foreach (var (path, loop) in guide.Transaction().Loops("ST_LOOP"))
        {
            var children = loop.Children().ToList();
            if (children.Count == 0 || children[0].IsLoop())
            {
                problems.Add($"{path}: first child is not a segment");
            }

            CheckNode(loop, path, "repeat", problems);
            foreach (var segment in children.Where(c => !c.IsLoop()))
            {
                CheckNode(segment, $"{path}/{segment.Str("id")}", "maxUse", problems);
            }
        }

        problems.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Guides))]
    public void ElementsHaveAllowedTypesLengthsAndComponents(string file)
    {
        using var guide = GuideFiles.Load(file);
        var problems = new List<string>();
        foreach (var (where, segment) in Segments(guide))
        {
            var position = 0;
            foreach (var e in segment.GetProperty("elements").EnumerateArray())
            {
                position++;
                var at = $"{where} {e.Str("ref")}";
                if (e.Str("ref") != $"{segment.Str("id")}{position:00}")
                {
                    problems.Add($"{at}: reference does not match position {position}");
                }

                if (e.TryGetProperty("components", out var components))
                {
                    e.Str("composite").ShouldMatch("^C[0-9]{3}$", at);
                    CheckUsage(e, at, problems);
                    if (components.GetArrayLength() == 0)
                    {
                        problems.Add($"{at}: composite without components");
                    }

                    var index = 0;
                    foreach (var c in components.EnumerateArray())
                    {
                        index++;
                        if (c.Str("ref") != $"{e.Str("ref")}-{index:00}")
                        {
                            problems.Add($"{at}: component {c.Str("ref")} is not at {index}");
                        }

                        CheckSimple(c, $"{at}/{c.Str("ref")}", problems);
                    }

                    CheckSyntax(e, components.GetArrayLength(), at, problems);
                }
                else
                {
                    CheckSimple(e, at, problems);
                }
            }

            CheckSyntax(segment, segment.GetProperty("elements").GetArrayLength(), where, problems);
        }

        problems.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Guides))]
    public void SiblingLoopsAreDistinguishableByTheirTrigger(string file)
    {
        using var guide = GuideFiles.Load(file);
        var problems = new List<string>();
        foreach (var (path, loop) in guide.Transaction().Loops("ST_LOOP"))
        {
            var children = loop.Children().ToList();
            for (var i = 0; i < children.Count; i++)
            {
                for (var j = i + 1; j < children.Count; j++)
                {
                    if (!children[i].IsLoop() && !children[j].IsLoop())
                    {
                        continue; // repeated segments inside one loop are told apart by the validator, not by loop detection
                    }

                    var a = children[i].Trigger();
                    var b = children[j].Trigger();
                    if (a.Segment != b.Segment)
                    {
                        continue;
                    }

                    var distinct = a.Position != 0 && a.Position == b.Position && !a.Codes.Intersect(b.Codes).Any();
                    if (!distinct)
                    {
                        problems.Add($"{path}: {children[i].Str("id")} and {children[j].Str("id")} both start with {a.Segment} and no distinct qualifier");
                    }
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    private static IEnumerable<(string Where, JsonElement Segment)> Segments(JsonDocument guide)
    {
        foreach (var (path, loop) in guide.Transaction().Loops("ST_LOOP"))
        {
            foreach (var segment in loop.Children().Where(c => !c.IsLoop()))
            {
                yield return ($"{path}/{segment.Str("id")} '{segment.Str("name")}'", segment);
            }
        }
    }

    private static void CheckNode(JsonElement node, string at, string countName, List<string> problems)
    {
        CheckUsage(node, at, problems);
        node.Str("name").ShouldNotBeNullOrWhiteSpace(at);
        var count = node.GetProperty(countName);
        if (count.ValueKind != JsonValueKind.Null && (count.ValueKind != JsonValueKind.Number || count.GetInt32() < 1))
        {
            problems.Add($"{at}: {countName} {count} is neither null nor a positive number");
        }
    }

    private static void CheckSimple(JsonElement e, string at, List<string> problems)
    {
        CheckUsage(e, at, problems);
        if (!Types.Contains(e.Str("type")))
        {
            problems.Add($"{at}: type {e.Str("type")}");
        }

        if (!e.Str("dataElement").All(char.IsAsciiLetterOrDigit))
        {
            problems.Add($"{at}: data element {e.Str("dataElement")}");
        }

        var min = e.GetProperty("min").GetInt32();
        var max = e.GetProperty("max").GetInt32();
        if (min < 0 || min > max)
        {
            problems.Add($"{at}: min {min} max {max}");
        }

        foreach (var code in e.Codes().Where(c => c.Length > max))
        {
            problems.Add($"{at}: code '{code}' longer than max {max}");
        }

        if (e.TryGetProperty("pattern", out var pattern))
        {
            _ = new Regex(pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)); // must compile
        }
    }

    private static void CheckUsage(JsonElement e, string at, List<string> problems)
    {
        if (!Usages.Contains(e.Str("usage")))
        {
            problems.Add($"{at}: usage {e.Str("usage")}");
        }
    }

    private static void CheckSyntax(JsonElement owner, int positions, string at, List<string> problems)
    {
        if (!owner.TryGetProperty("syntax", out var notes))
        {
            return;
        }

        foreach (var note in notes.EnumerateArray().Select(n => n.GetString()!))
        {
            if (!SyntaxNote().IsMatch(note))
            {
                problems.Add($"{at}: syntax note '{note}' is malformed");
                continue;
            }

            var referenced = note[1..].Chunk(2).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (referenced.Any(p => p < 1 || p > positions))
            {
                problems.Add($"{at}: syntax note '{note}' refers beyond {positions} positions");
            }
        }
    }

    [GeneratedRegex("^[PRECL]([0-9]{2}){2,}$")]
    private static partial Regex SyntaxNote();
}
