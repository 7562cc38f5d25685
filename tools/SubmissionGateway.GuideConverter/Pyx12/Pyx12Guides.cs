namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>The guides generated from pyx12 maps (BSD licence, copyright John Holland).</summary>
public static class Pyx12Guides
{
    public static IReadOnlyList<Pyx12GuideSpec> All { get; } =
    [
        new("005010X222A1", "837.5010.X222.A1.xml", "837", "HC", "Health Care Claim: Professional", ["005010X222A2"],
            "pyx12 3.1.0 map 837.5010.X222.A1.xml (BSD, copyright John Holland); corrections in schemas/x12/README.md.",
            Corrections837P.All),
        new("005010X223A2", "837Q3.I.5010.X223.A1.v2.xml", "837", "HC", "Health Care Claim: Institutional", ["005010X223A3"],
            "pyx12 3.1.0 map 837Q3.I.5010.X223.A1.v2.xml (BSD, copyright John Holland), brought to A2; corrections in schemas/x12/README.md.",
            Corrections837I.All),
        new("005010X231A1", "999.5010X231.A1.xml", "999", "FA", "Implementation Acknowledgment For Health Care Insurance", [],
            "pyx12 3.1.0 map 999.5010X231.A1.xml (BSD, copyright John Holland); corrections in schemas/x12/README.md.",
            Corrections999.All),
        new("005010X214", "277.5010.X214.xml", "277", "HN", "Health Care Claim Acknowledgment", [],
            "pyx12 3.1.0 map 277.5010.X214.xml (BSD, copyright John Holland); corrections in schemas/x12/README.md.",
            Corrections277CA.All),
    ];
}
