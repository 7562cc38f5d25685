namespace SubmissionGateway.GuideConverter.Model;

/// <summary>A child of a loop: a segment or a nested loop.</summary>
public abstract class GuideNode
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Usage { get; set; }

    public abstract GuideNode Clone();
}
