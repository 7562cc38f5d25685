using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>
/// Where pyx12's 837P map departs from the published guide. Each rule states the fact it enforces, so it is
/// idempotent: where pyx12 3.1.0 already carries a fix (issues 27–29 were fixed upstream), the rule is a guard
/// that keeps the fact true if the source map regresses.
/// </summary>
public static class Corrections837P
{
    private const string Subscriber = "2000A/2000B";
    private const string Patient = "2000A/2000B/2000C";

    public static IReadOnlyList<GuideCorrection> All { get; } =
    [
        CommonCorrections.StandardSyntaxNotes,
        CommonCorrections.St03IsTheGuideIdentifier("005010X222A1", ["005010X222A2"]),

        // pyx12 issue 27: the Service Facility Contact Information PER was missing from 2310C when the claim
        // sits under the subscriber (2000B); the guide has one 2310C, wherever the 2300 loop is.
        new("pyx12 issue 27: 2310C under 2000B/2300 has the PER 'Service Facility Contact Information' (copied from 2000C/2300/2310C when absent).",
            root =>
            {
                var target = root.Loop($"{Subscriber}/2300/2310C");
                if (target.Segments.Any(s => s.Id == "PER"))
                {
                    return;
                }

                var per = root.Loop($"{Patient}/2300/2310C").Segment("PER", "Service Facility Contact Information").Clone();
                target.Children.Insert(target.Children.FindLastIndex(c => c is GuideSegment) + 1, per);
            }),

        // pyx12 issue 28: PRV02 of 2310B under the patient carried the 4010 qualifier ZZ; 5010 uses PXC (taxonomy).
        new("pyx12 issue 28: PRV02 of 2310B 'Rendering Provider Specialty Information' allows only PXC, under 2000B and 2000C.",
            root =>
            {
                foreach (var path in new[] { Subscriber, Patient })
                {
                    root.Loop($"{path}/2300/2310B").Segment("PRV").Element("PRV02").Codes = ["PXC"];
                }
            }),

        // pyx12 issue 29: the patient-level 2410 CTP lost the ME unit and made CTP03 required; the guide has
        // CTP03 not used and units F2, GR, ME, ML, UN under both hierarchies.
        new("pyx12 issue 29: 2410 CTP 'Drug Quantity' CTP05-01 codes F2, GR, ME, ML, UN and CTP03 not used, under 2000B and 2000C.",
            root =>
            {
                foreach (var path in new[] { Subscriber, Patient })
                {
                    var ctp = root.Loop($"{path}/2300/2400/2410").Segment("CTP");
                    ctp.Element("CTP05-01").Codes = ["F2", "GR", "ME", "ML", "UN"];
                    ctp.Element("CTP03").Usage = "N";
                }
            }),

        // pyx12 issue 38: the 2300 loop is required at the patient level when 2000C is sent, so under the
        // subscriber it is situational (required only when the patient is the subscriber).
        new("pyx12 issue 38: 2300 'Claim Information' under 2000B is situational (required when the patient is the subscriber).",
            root => root.Loop($"{Subscriber}/2300").Usage = "S"),
    ];
}
