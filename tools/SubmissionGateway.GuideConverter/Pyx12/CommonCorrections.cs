using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>Corrections every pyx12-derived guide receives.</summary>
public static class CommonCorrections
{
    /// <summary>
    /// ST03 is required in every 5010 HIPAA guide and must carry the guide's own identifier. pyx12's 837P map
    /// marks it situational with no value list, and its other maps list only the guide id, which would reject
    /// the errata identifiers we deliberately validate with the same guide.
    /// </summary>
    public static GuideCorrection St03IsTheGuideIdentifier(string id, IReadOnlyList<string> errata) => new(
        $"ST03 usage R with codes [{string.Join(", ", new[] { id }.Concat(errata))}] (the 5010 guides require ST03; errata identifiers are validated with this guide).",
        root =>
        {
            var st03 = root.Segment("ST").Element("ST03");
            st03.Usage = "R";
            st03.Codes = [id, .. errata];
        });
}
