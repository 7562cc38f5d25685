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

    /// <summary>Removes the named segments of a loop; every name must match at least one segment.</summary>
    public static void RemoveSegments(this GuideLoop loop, params string[] names)
    {
        foreach (var name in names)
        {
            if (loop.Children.RemoveAll(c => c is GuideSegment s && s.Name == name) == 0)
            {
                throw new GuideSourceException($"loop {loop.Id}: no segment named '{name}' to remove.");
            }
        }
    }

    /// <summary>Removes child loops by id; every id must exist.</summary>
    public static void RemoveLoops(this GuideLoop loop, params string[] ids)
    {
        foreach (var id in ids)
        {
            if (loop.Children.RemoveAll(c => c is GuideLoop l && l.Id == id) == 0)
            {
                throw new GuideSourceException($"loop {loop.Id}: no loop {id} to remove.");
            }
        }
    }

    /// <summary>Inserts nodes right after <paramref name="anchor"/>, a child of <paramref name="loop"/>.</summary>
    public static void InsertAfter(this GuideLoop loop, GuideNode anchor, params GuideNode[] nodes)
    {
        var index = loop.Children.IndexOf(anchor);
        if (index < 0)
        {
            throw new GuideSourceException($"loop {loop.Id}: {anchor.Id} '{anchor.Name}' is not a child.");
        }

        loop.Children.InsertRange(index + 1, nodes);
    }

    /// <summary>Inserts nodes right before the first child loop (i.e. after the loop's last leading segment).</summary>
    public static void InsertBeforeLoops(this GuideLoop loop, params GuideNode[] nodes)
    {
        var index = loop.Children.FindIndex(c => c is GuideLoop);
        loop.Children.InsertRange(index < 0 ? loop.Children.Count : index, nodes);
    }
}
