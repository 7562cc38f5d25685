namespace SubmissionGateway.GuideConverter.Model;

/// <summary>Navigation used by corrections and authored guides; every miss is an error naming the path.</summary>
public static class GuideTreeExtensions
{
    /// <summary>The loop at a '/'-separated path of loop ids below <paramref name="root"/>.</summary>
    public static GuideLoop Loop(this GuideLoop root, string path)
    {
        var current = root;
        foreach (var id in path.Split('/'))
        {
            var matches = current.Loops.Where(l => l.Id == id).ToList();
            current = matches.Count == 1
                ? matches[0]
                : throw new GuideSourceException($"{root.Id}: loop path '{path}' matches {matches.Count} loops at '{id}'.");
        }

        return current;
    }

    /// <summary>The one segment of a loop with this id and, when given, this name.</summary>
    public static GuideSegment Segment(this GuideLoop loop, string id, string? name = null)
    {
        var matches = loop.Segments.Where(s => s.Id == id && (name is null || s.Name == name)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new GuideSourceException($"loop {loop.Id}: {matches.Count} segments {id} named '{name ?? "*"}'.");
    }

    /// <summary>The element (or component, e.g. "CTP05-01") with this reference.</summary>
    public static GuideElement Element(this GuideSegment segment, string reference)
    {
        foreach (var e in segment.Elements)
        {
            if (e.Ref == reference)
            {
                return e;
            }

            var component = e.Components?.FirstOrDefault(c => c.Ref == reference);
            if (component is not null)
            {
                return component;
            }
        }

        throw new GuideSourceException($"segment {segment.Id} '{segment.Name}': no element {reference}.");
    }

    /// <summary>Every segment in the tree, with the loop that holds it.</summary>
    public static IEnumerable<(GuideLoop Loop, GuideSegment Segment)> AllSegments(this GuideLoop root)
    {
        foreach (var s in root.Segments)
        {
            yield return (root, s);
        }

        foreach (var loop in root.Descendants())
        {
            foreach (var s in loop.Segments)
            {
                yield return (loop, s);
            }
        }
    }
}
