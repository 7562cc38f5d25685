namespace SubmissionGateway.GuideConverter.Model;

public sealed class GuideSegment : GuideNode
{
    /// <summary>Null when the guide allows the segment to repeat without bound.</summary>
    public int? MaxUse { get; set; }
    public List<string> Syntax { get; set; } = [];
    public List<GuideElement> Elements { get; set; } = [];

    public GuideElement Element(int position) => Elements[position - 1];

    public override GuideSegment Clone()
    {
        var copy = (GuideSegment)MemberwiseClone();
        copy.Syntax = [.. Syntax];
        copy.Elements = Elements.Select(e => e.Clone()).ToList();
        return copy;
    }
}
