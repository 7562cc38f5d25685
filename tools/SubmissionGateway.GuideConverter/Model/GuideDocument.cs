namespace SubmissionGateway.GuideConverter.Model;

/// <summary>One implementation guide in the shape schemas/x12/README.md specifies.</summary>
public sealed class GuideDocument
{
    public required string Id { get; init; }
    public required string TransactionSet { get; init; }
    public required string FunctionalGroup { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> Errata { get; init; }
    public required string Source { get; init; }
    public required GuideLoop Transaction { get; init; }
}
