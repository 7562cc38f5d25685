using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>Where pyx12's 999 map departs from the published guide.</summary>
public static class Corrections999
{
    public static IReadOnlyList<GuideCorrection> All { get; } =
    [
        CommonCorrections.StandardSyntaxNotes,
        CommonCorrections.St03IsTheGuideIdentifier("005010X231A1", []),
    ];
}
