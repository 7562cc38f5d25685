namespace SubmissionGateway.GuideConverter.Authored;

/// <summary>One position of an authored segment; a composite when <see cref="Components"/> is set.</summary>
public sealed record ElementSpec(
    string Number,
    string Name,
    string Usage,
    IReadOnlyList<string> Codes,
    string? External,
    IReadOnlyList<ElementSpec>? Components);
