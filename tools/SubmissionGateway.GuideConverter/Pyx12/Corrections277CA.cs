using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>Where pyx12's 277CA map departs from the published guide.</summary>
public static class Corrections277CA
{
    public static IReadOnlyList<GuideCorrection> All { get; } =
    [
        CommonCorrections.StandardSyntaxNotes,
        CommonCorrections.CompleteNm1,
        CommonCorrections.St03IsTheGuideIdentifier("005010X214", []),

        // Each hierarchical level names its party once; pyx12 has 2100A, 2100B and 2100D at 1 but 2100C unbounded.
        new("277CA 2100C 'Billing Provider Name' repeats once, like the other name loops of the hierarchy (pyx12: >1).",
            root => root.Loop("2000A/2000B/2000C/2100C").Repeat = 1),

        // Names reach billers' error messages; pyx12 misspells this one ("Indentifier") in the segment and its REF02.
        new("Spelling: 'Claim Identifier Number For Clearinghouses and Other Transmission Intermediaries' (2200D REF and REF02; pyx12: 'Indentifier').",
            root =>
            {
                foreach (var (_, segment) in root.AllSegments())
                {
                    segment.Name = segment.Name.Replace("Indentifier", "Identifier", StringComparison.Ordinal);
                    foreach (var e in segment.Elements.Concat(segment.Elements.SelectMany(e => e.Components ?? [])))
                    {
                        e.Name = e.Name.Replace("Indentifier", "Identifier", StringComparison.Ordinal);
                    }
                }
            }),
    ];
}
