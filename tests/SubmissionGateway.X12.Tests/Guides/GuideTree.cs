using System.Text.Json;

namespace SubmissionGateway.X12.Tests.Guides;

/// <summary>Reads the guide JSON the way a loader would, without the library's model (tests the data itself).</summary>
internal static class GuideTree
{
    public static JsonElement Transaction(this JsonDocument guide) => guide.RootElement.GetProperty("transaction");

    public static IEnumerable<JsonElement> Children(this JsonElement loop) => loop.GetProperty("children").EnumerateArray();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static bool IsLoop(this JsonElement node) => node.Str("type") == "loop";

    public static JsonElement Loop(this JsonElement root, string path)
    {
        var current = root;
        foreach (var id in path.Split('/'))
        {
            current = current.Children().Single(c => c.IsLoop() && c.Str("id") == id);
        }

        return current;
    }

    public static JsonElement Segment(this JsonElement loop, string id, string? name = null) =>
        loop.Children().Single(c => !c.IsLoop() && c.Str("id") == id && (name is null || c.Str("name") == name));

    public static JsonElement Element(this JsonElement segment, string reference)
    {
        foreach (var e in segment.GetProperty("elements").EnumerateArray())
        {
            if (e.Str("ref") == reference)
            {
                return e;
            }

            if (e.TryGetProperty("components", out var components))
            {
                foreach (var c in components.EnumerateArray().Where(c => c.Str("ref") == reference))
                {
                    return c;
                }
            }
        }

        throw new InvalidOperationException($"{segment.Str("id")} has no {reference}");
    }

    public static string[] Codes(this JsonElement element) =>
        element.TryGetProperty("codes", out var codes) ? [.. codes.EnumerateArray().Select(c => c.GetString()!)] : [];

    /// <summary>
    /// How a loop (or segment) is recognised: its first segment's id and the first required simple element
    /// that has a code list (position and codes), or only the id when it has none.
    /// </summary>
    public static (string Segment, int Position, string[] Codes) Trigger(this JsonElement node)
    {
        var segment = node.IsLoop() ? node.Children().First() : node;
        var position = 0;
        foreach (var e in segment.GetProperty("elements").EnumerateArray())
        {
            position++;
            if (e.Str("usage") == "R" && !e.TryGetProperty("components", out _) && e.Codes().Length > 0)
            {
                return (segment.Str("id"), position, e.Codes());
            }
        }

        return (segment.Str("id"), 0, []);
    }

    public static IEnumerable<(string Path, JsonElement Loop)> Loops(this JsonElement loop, string path)
    {
        yield return (path, loop);
        foreach (var child in loop.Children().Where(IsLoop))
        {
            foreach (var inner in child.Loops($"{path}/{child.Str("id")}"))
            {
                yield return inner;
            }
        }
    }
}
