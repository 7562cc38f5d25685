using SubmissionGateway.GuideConverter.Model;
using static SubmissionGateway.GuideConverter.Authored.GuideParts;

namespace SubmissionGateway.GuideConverter.Authored;

/// <summary>
/// 837D, 005010X224A2. pyx12 has no dental map. The dental guide shares the 837P's envelope, header and
/// hierarchy (1000A/B, 2000A-2010AC, 2000B-2010BB, 2000C-2010CA, 2300, 2320/2330x, 2400, 2430), so it is
/// built from the corrected 837P tree: what the dental guide drops is removed, what it adds (DN1, DN2,
/// SV3, TOO, the assistant surgeon loops, dental dates and references) is written here.
/// </summary>
public static class DentalClaimGuide
{
    public const string Id = "005010X224A2";

    public static GuideDocument Build(GuideParts p, GuideDocument professional)
    {
        var root = professional.Transaction.Clone();
        root.Segment("ST").Element("ST03").Codes = [Id];

        // The dental subscriber level carries no PAT (the professional one does, for death/weight/pregnancy).
        root.Loop("2000A/2000B").RemoveSegments("Patient Information");

        foreach (var claim in new[] { root.Loop("2000A/2000B/2300"), root.Loop("2000A/2000B/2000C/2300") })
        {
            ShapeClaim(p, claim);
            ShapeServiceLine(p, claim.Loop("2400"));
        }

        return new GuideDocument
        {
            Id = Id,
            TransactionSet = "837",
            FunctionalGroup = "HC",
            Name = "Health Care Claim: Dental",
            Errata = [],
            Source = "Authored in tools/SubmissionGateway.GuideConverter/Authored/DentalClaimGuide.cs on the 837P tree; verification in schemas/x12/README.md.",
            Transaction = root,
        };
    }

    private static void ShapeClaim(GuideParts p, GuideLoop claim)
    {
        var clm = claim.Segment("CLM");
        clm.Element("CLM10").Usage = "N"; // patient signature source code: professional only
        var predetermination = clm.Element("CLM19");
        predetermination.Name = "Predetermination of Benefits Code";
        predetermination.Usage = "S";
        predetermination.Codes = ["PB"];

        claim.RemoveSegments(
            "Date - Onset of Current Illness or Symptom", "Date - Initial Treatment Date", "Date - Last Seen Date",
            "Date - Acute Manifestation", "Date - Last Menstrual Period", "Date - Last X-ray Date",
            "Date - Hearing and Vision Prescription Date", "Date - Disability Dates", "Date - Last Worked",
            "Date - Authorized Return to Work", "Date - Admission", "Date - Discharge",
            "Date - Assumed and Relinquished Care Dates", "Date - Property and Casualty Date of First Contact",
            "Mandatory Medicare (Section 4081) Crossover Indicator", "Mammography Certification Number",
            "Clinical Laboratory Improvement Amendment (CLIA) Number", "Investigational Device Exemption Number",
            "Medical Record Number", "Demonstration Project Identifier", "Care Plan Oversight",
            "Ambulance Transport Information", "Spinal Manipulation Service Information", "Ambulance Certification",
            "Patient Condition Information: Vision", "Homebound Indicator", "EPSDT Referral",
            "Anesthesia Related Procedure", "Condition Information");

        var accident = claim.Segment("DTP", "Date - Accident");
        claim.InsertAfter(accident,
            p.Dtp("Date - Appliance Placement", "S", "452", "Orthodontic Banding Date", "D8"),
            p.Dtp("Date - Service Date", "S", "472", "Service Date", "D8", "RD8"));

        claim.InsertAfter(claim.Segment("DTP", "Date - Repricer Received Date"),
            p.Segment("DN1", "Orthodontic Total Months of Treatment", "S", 1, [],
                E("380", "Orthodontic Treatment Months Count", "S"),
                E("380", "Orthodontic Treatment Months Remaining Count", "S"),
                N("1073", "Yes/No Condition or Response Code"),
                E("352", "Questionnaire Response", "S")),
            p.Segment("DN2", "Tooth Status", "S", 35, [],
                E("127", "Tooth Number", "R"),
                E("1368", "Tooth Status Code", "R", "E", "M"),
                N("380", "Quantity"),
                N("1250", "Date Time Period Format Qualifier"),
                N("1251", "Date Time Period"),
                N("1270", "Code List Qualifier Code")));

        claim.InsertAfter(claim.Segment("REF", "Prior Authorization"),
            p.Ref("Predetermination Identification", "S", 1, "Predetermination of Benefits Identifier", "G3"));

        claim.Segment("HI", "Health Care Diagnosis Code").Usage = "S";

        // 2310D becomes the assistant surgeon; the supervising provider moves to 2310E; no ambulance loops.
        claim.RemoveLoops("2310E", "2310F");
        var supervising = claim.Loop("2310D");
        var assistant = AssistantSurgeon(supervising, "2310D", claim.Loop("2310B").Segment("PRV"));
        supervising.Id = "2310E";
        claim.InsertAfter(claim.Loop("2310C"), assistant);

        // Dental other-payer provider loops: 2330E supervising, 2330F billing, 2330G service facility,
        // 2330H assistant surgeon (the professional guide has E service facility, F supervising, G billing).
        var otherSubscriber = claim.Loop("2320");
        var facility = otherSubscriber.Loop("2330E");
        var otherSupervising = otherSubscriber.Loop("2330F");
        var otherBilling = otherSubscriber.Loop("2330G");
        var otherAssistant = otherSupervising.Clone();
        RenameParty(otherAssistant, "Supervising Provider", "Assistant Surgeon");
        otherAssistant.Id = "2330H";
        otherAssistant.Name = "Other Payer Assistant Surgeon";
        var otherAssistantName = otherAssistant.Segment("NM1");
        otherAssistantName.Element("NM101").Codes = ["DD"];
        otherAssistantName.Element("NM102").Codes = ["1", "2"];
        otherAssistant.Segment("REF").Element("REF01").Codes = ["0B", "1G", "G2"];
        otherSupervising.Id = "2330E";
        otherBilling.Id = "2330F";
        facility.Id = "2330G";
        otherSubscriber.Children.RemoveAll(c => c is GuideLoop l && l.Id.StartsWith("2330", StringComparison.Ordinal) && l.Id is not ("2330A" or "2330B" or "2330C" or "2330D"));
        otherSubscriber.Children.AddRange([otherSupervising, otherBilling, facility, otherAssistant]);
    }

    private static void ShapeServiceLine(GuideParts p, GuideLoop line)
    {
        line.RemoveSegments(
            "Professional Service", "Durable Medical Equipment Service", "Line Supplemental Information",
            "Durable Medical Equipment Certificate of Medical Necessity Indicator", "Ambulance Transport Information",
            "Durable Medical Equipment Certification", "Ambulance Certification", "Hospice Employee Indicator",
            "Condition Indicator/Durable Medical Equipment", "Date - Service Date", "Date - Prescription Date",
            "DATE - Certification Revision/Recertification Date", "Date - Begin Therapy Date",
            "Date - Last Certification Date", "Date - Last Seen Date", "Date - Test Date", "Date - Shipped Date",
            "Date - Last X-ray Date", "Date - Initial Treatment Date", "Ambulance Patient Count",
            "Obstetric Anesthesia Additional Units", "Test Result",
            "Mammography Certification Number", "Clinical Laboratory Improvement Amendment (CLIA) Number",
            "Referring Clinical Laboratory Improvement Amendment (CLIA) Facility Identification",
            "Immunization Batch Number", "Postage Claimed Amount", "Line Note", "Third Party Organization Notes",
            "Purchased Service Information");

        line.InsertAfter(line.Segment("LX"),
            p.Segment("SV3", "Dental Service", "R", 1, [],
                C("C003", "Composite Medical Procedure Identifier", "R",
                    E("235", "Product or Service ID Qualifier", "R", "AD"),
                    E("234", "Procedure Code", "R"),
                    E("1339", "Procedure Modifier", "S"),
                    E("1339", "Procedure Modifier", "S"),
                    E("1339", "Procedure Modifier", "S"),
                    E("1339", "Procedure Modifier", "S"),
                    E("352", "Description", "S"),
                    N("234", "Product/Service ID")),
                E("782", "Line Item Charge Amount", "R"),
                X("1331", "Place of Service Code", "S", "pos"),
                C("C006", "Oral Cavity Designation", "S",
                    E("1361", "Oral Cavity Designation Code", "R", "00", "01", "02", "09", "10", "20", "30", "40"),
                    E("1361", "Oral Cavity Designation Code", "S", "00", "01", "02", "09", "10", "20", "30", "40"),
                    E("1361", "Oral Cavity Designation Code", "S", "00", "01", "02", "09", "10", "20", "30", "40"),
                    E("1361", "Oral Cavity Designation Code", "S", "00", "01", "02", "09", "10", "20", "30", "40"),
                    E("1361", "Oral Cavity Designation Code", "S", "00", "01", "02", "09", "10", "20", "30", "40")),
                E("1358", "Prosthesis, Crown, or Inlay Code", "S", "I", "R"),
                E("380", "Procedure Count", "S"),
                N("352", "Description"),
                N("1327", "Copay Status Code"),
                N("1328", "Provider Agreement Code"),
                N("1073", "Yes/No Condition or Response Code"),
                C("C004", "Composite Diagnosis Code Pointer", "S",
                    E("1328", "Diagnosis Code Pointer", "R"),
                    E("1328", "Diagnosis Code Pointer", "S"),
                    E("1328", "Diagnosis Code Pointer", "S"),
                    E("1328", "Diagnosis Code Pointer", "S"))),
            p.Segment("TOO", "Tooth Information", "S", 32, [],
                E("1270", "Code List Qualifier Code", "R", "JP"),
                E("1271", "Tooth Code", "R"),
                C("C005", "Tooth Surface", "S",
                    E("1369", "Tooth Surface Code", "R", "B", "D", "F", "I", "L", "M", "O"),
                    E("1369", "Tooth Surface Code", "S", "B", "D", "F", "I", "L", "M", "O"),
                    E("1369", "Tooth Surface Code", "S", "B", "D", "F", "I", "L", "M", "O"),
                    E("1369", "Tooth Surface Code", "S", "B", "D", "F", "I", "L", "M", "O"),
                    E("1369", "Tooth Surface Code", "S", "B", "D", "F", "I", "L", "M", "O"))),
            p.Dtp("Date - Service Date", "S", "472", "Service Date", "D8", "RD8"),
            p.Dtp("Date - Prior Placement", "S", "441", "Prior Placement Date", "D8"),
            p.Dtp("Date - Appliance Placement", "S", "452", "Orthodontic Banding Date", "D8"),
            p.Dtp("Date - Replacement", "S", "446", "Replacement Date", "D8"),
            p.Dtp("Date - Treatment Start", "S", "196", "Treatment Start Date", "D8"),
            p.Dtp("Date - Treatment Completion", "S", "198", "Treatment Completion Date", "D8"));

        // Dental line references, in the dental guide's order, with the predetermination number first.
        var references = line.Segments.Where(s => s.Id == "REF").ToDictionary(s => s.Element("REF01").Codes![0]);
        var predetermination = p.Ref("Service Predetermination Identification", "S", 5, "Predetermination of Benefits Identifier", "G3");
        var firstReference = line.Children.IndexOf(references["9B"]);
        line.Children.RemoveAll(c => c is GuideSegment { Id: "REF" });
        line.Children.InsertRange(firstReference, [predetermination, references["G1"], references["6R"], references["9B"], references["9D"], references["9F"]]);

        // 2420A rendering, 2420B assistant surgeon, 2420C supervising, 2420D service facility; no drug,
        // purchased service, ordering, referring, ambulance or form loops on a dental line.
        line.RemoveLoops("2410", "2420B", "2420E", "2420F", "2420G", "2420H", "2440");
        var facility = line.Loop("2420C");
        var supervising = line.Loop("2420D");
        var assistant = AssistantSurgeon(supervising, "2420B", line.Loop("2420A").Segment("PRV"));
        facility.Id = "2420D";
        supervising.Id = "2420C";
        line.Children.Remove(facility);
        line.InsertAfter(supervising, facility);
        line.InsertAfter(line.Loop("2420A"), assistant);
    }

    /// <summary>The assistant surgeon loop: the supervising provider's shape with NM101 DD and a PRV (AS).</summary>
    private static GuideLoop AssistantSurgeon(GuideLoop supervising, string id, GuideSegment renderingPrv)
    {
        var loop = supervising.Clone();
        loop.Id = id;
        RenameParty(loop, "Supervising Provider", "Assistant Surgeon");
        var nm1 = loop.Segment("NM1");
        nm1.Element("NM101").Codes = ["DD"];
        var prv = renderingPrv.Clone();
        RenameParty(prv, "Rendering Provider", "Assistant Surgeon");
        prv.Element("PRV01").Codes = ["AS"];
        loop.InsertAfter(nm1, prv);
        return loop;
    }

    /// <summary>Renames the party in every name of a cloned loop or segment (names reach billers' error messages).</summary>
    private static void RenameParty(GuideNode node, string from, string to)
    {
        node.Name = node.Name.Replace(from, to, StringComparison.Ordinal);
        switch (node)
        {
            case GuideLoop loop:
                foreach (var child in loop.Children)
                {
                    RenameParty(child, from, to);
                }

                break;
            case GuideSegment segment:
                foreach (var e in segment.Elements.Concat(segment.Elements.SelectMany(e => e.Components ?? [])))
                {
                    e.Name = e.Name.Replace(from, to, StringComparison.Ordinal);
                }

                break;
        }
    }
}
