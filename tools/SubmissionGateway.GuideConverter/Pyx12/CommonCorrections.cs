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

    /// <summary>
    /// Syntax notes belong to the X12 standard's segment, so every occurrence of a segment carries the same ones.
    /// pyx12 drops C1203 from two 837P NM1s and all notes from some 277CA NM1 and REF segments.
    /// </summary>
    public static GuideCorrection StandardSyntaxNotes { get; } = new(
        "Standard syntax notes on every NM1 (P0809, C1110, C1203) and REF (R0203); pyx12 omits them on 837P 1000A/1000B NM1 and on 277CA NM1/REF segments.",
        root =>
        {
            foreach (var (_, segment) in root.AllSegments())
            {
                if (segment.Id == "NM1")
                {
                    segment.Syntax = ["P0809", "C1110", "C1203"];
                }
                else if (segment.Id == "REF")
                {
                    segment.Syntax = ["R0203"];
                }
            }
        });

    /// <summary>
    /// NM1 has twelve positions in 005010. pyx12's 277CA stops two NM1s at NM111, so a sender's NM112 would be
    /// "too many elements" instead of "not used"; the missing positions are copied, not used, from the
    /// guide's own complete NM1.
    /// </summary>
    public static GuideCorrection CompleteNm1 { get; } = new(
        "NM1 segments list all twelve 005010 positions (pyx12's 277CA 2100C and 2100D NM1 stop at NM111); added positions are not used.",
        root =>
        {
            var segments = root.AllSegments().Select(s => s.Segment).Where(s => s.Id == "NM1").ToList();
            var complete = segments.First(s => s.Elements.Count == 12);
            foreach (var nm1 in segments.Where(s => s.Elements.Count < 12))
            {
                foreach (var missing in complete.Elements.Skip(nm1.Elements.Count))
                {
                    var added = missing.Clone();
                    added.Usage = "N";
                    added.Codes = null;
                    nm1.Elements.Add(added);
                }
            }
        });
}
