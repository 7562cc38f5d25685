namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>A guide generated from a pyx12 map, and the corrections applied to it.</summary>
public sealed record Pyx12GuideSpec(
    string Id,
    string MapFile,
    string TransactionSet,
    string FunctionalGroup,
    string Name,
    IReadOnlyList<string> Errata,
    string Source,
    IReadOnlyList<GuideCorrection> Corrections);
