using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>
/// Where pyx12's 837I map (837Q3.I.5010.X223.A1.v2.xml, which already answers to 005010X223A2 in its ST03)
/// departs from the published guide.
/// </summary>
public static class Corrections837I
{
    public static IReadOnlyList<GuideCorrection> All { get; } =
    [
        CommonCorrections.StandardSyntaxNotes,
        CommonCorrections.St03IsTheGuideIdentifier("005010X223A2", ["005010X223A3"]),

        // Same structure as the 837P (pyx12 issue 38, fixed there but not in this map): with a 2000C patient
        // level the claim sits under the patient, so the subscriber-level 2300 is situational.
        new("pyx12 issue 38 (applied to the 837I map, which still has it): 2300 'Claim Information' under 2000B is situational.",
            root => root.Loop("2000A/2000B/2300").Usage = "S"),
    ];
}
