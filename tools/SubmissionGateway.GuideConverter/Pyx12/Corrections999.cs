using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>Where pyx12's map for this guide departs from the published guide.</summary>
public static class Corrections999
{
    public static IReadOnlyList<GuideCorrection> All { get; } =
    [
    ];
}
