using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>Where pyx12's 999 map departs from the published guide.</summary>
public static class Corrections999
{
    public static IReadOnlyList<GuideCorrection> All { get; } =
    [
        CommonCorrections.StandardSyntaxNotes,
        CommonCorrections.St03IsTheGuideIdentifier("005010X231A1", []),

        // The 999 acknowledges any functional group; the guide uses all valid standard codes for AK101 and
        // AK201. pyx12 narrows them to the sets it has maps for, which leaves out the 275 (GS01 PI) the
        // gateway must acknowledge too.
        new("999 AK101 and AK201 take all valid standard codes (pyx12 lists only HIPAA groups/sets it maps, without PI/275).",
            root =>
            {
                root.Segment("AK1").Element("AK101").Codes = null;
                root.Loop("2000").Segment("AK2").Element("AK201").Codes = null;
            }),
    ];
}
