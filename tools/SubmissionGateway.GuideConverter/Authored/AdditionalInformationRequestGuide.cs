using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Authored;

/// <summary>
/// 277, 005010X213: health care claim request for additional information (277RFAI). pyx12 has no map. It
/// shares the 277CA's (X214) hierarchy of information source, receiver, provider and patient with claim
/// (2200D) and service line (2220D) detail, without the 277CA's per-level acknowledgment summaries (2200A,
/// 2200B, 2200C). Requests are carried in STC01, STC10 and STC11 (category, LOINC code, entity, LOI).
/// </summary>
public static class AdditionalInformationRequestGuide
{
    public const string Id = "005010X213";

    public static GuideDocument Build(GuideDocument claimAcknowledgment)
    {
        var root = claimAcknowledgment.Transaction.Clone();
        root.Segment("ST").Element("ST03").Codes = [Id];

        // The 277CA's BHT values (0085, 08, TH) describe an acknowledgment, not a request.
        var bht = root.Segment("BHT");
        foreach (var reference in new[] { "BHT01", "BHT02", "BHT06" })
        {
            bht.Element(reference).Codes = null;
        }

        var source = root.Loop("2000A");
        source.RemoveLoops("2200A");
        var receiver = source.Loop("2000B");
        receiver.RemoveLoops("2200B");
        var provider = receiver.Loop("2000C");
        provider.RemoveLoops("2200C");
        // The request goes to the provider of service, not only the billing provider the 277CA names.
        provider.Name = "Service Provider Level";
        provider.Segment("HL").Name = "Service Provider Level";
        var providerName = provider.Loop("2100C");
        providerName.Repeat = 1;
        providerName.Name = "Provider Name";
        var nm1 = providerName.Segment("NM1");
        nm1.Name = "Provider Name";
        nm1.Element("NM101").Codes = ["1P", "85"];

        var claim = provider.Loop("2000D/2200D");
        claim.Usage = "R";
        claim.Name = "Claim Status Tracking Number";
        RequestStatus(claim.Segment("STC"), "Claim Level Request Information");
        RequestStatus(claim.Loop("2220D").Segment("STC"), "Service Line Level Request Information");

        return new GuideDocument
        {
            Id = Id,
            TransactionSet = "277",
            FunctionalGroup = "HN",
            Name = "Health Care Claim Request for Additional Information",
            Errata = [],
            Source = "Authored in tools/SubmissionGateway.GuideConverter/Authored/AdditionalInformationRequestGuide.cs on the 277CA tree; verification in schemas/x12/README.md.",
            Transaction = root,
        };
    }

    /// <summary>An RFAI STC asks for documents: up to three requests (STC01, STC10, STC11), no amounts or action.</summary>
    private static void RequestStatus(GuideSegment stc, string name)
    {
        stc.Name = name;
        foreach (var e in stc.Elements.Where(e => e.Ref is "STC03" or "STC04" or "STC05"))
        {
            e.Usage = "N";
            e.Codes = null;
        }

        foreach (var reference in new[] { "STC10", "STC11" })
        {
            var request = stc.Element(reference);
            var first = stc.Element("STC01");
            request.Usage = "S";
            request.Name = first.Name;
            request.Components = first.Components!.Select(c => c.Clone()).ToList();
            for (var i = 0; i < request.Components.Count; i++)
            {
                request.Components[i].Ref = $"{reference}-{i + 1:00}";
                if (i == 0)
                {
                    request.Components[i].Usage = "R";
                }
            }
        }
    }
}
