namespace SubmissionGateway.GuideConverter.Model;

public sealed class GuideLoop : GuideNode
{
    /// <summary>Null when the guide allows the loop to repeat without bound.</summary>
    public int? Repeat { get; set; }
    public List<GuideNode> Children { get; set; } = [];

    public IEnumerable<GuideLoop> Loops => Children.OfType<GuideLoop>();
    public IEnumerable<GuideSegment> Segments => Children.OfType<GuideSegment>();

    /// <summary>Every loop below this one, depth first, in guide order.</summary>
    public IEnumerable<GuideLoop> Descendants()
    {
        foreach (var loop in Loops)
        {
            yield return loop;
            foreach (var inner in loop.Descendants())
            {
                yield return inner;
            }
        }
    }

    public override GuideLoop Clone()
    {
        var copy = (GuideLoop)MemberwiseClone();
        copy.Children = Children.Select(c => c.Clone()).ToList();
        return copy;
    }
}
