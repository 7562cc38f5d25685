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
