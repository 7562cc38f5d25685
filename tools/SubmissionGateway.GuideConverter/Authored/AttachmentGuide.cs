using SubmissionGateway.GuideConverter.Model;
using static SubmissionGateway.GuideConverter.Authored.GuideParts;

namespace SubmissionGateway.GuideConverter.Authored;

/// <summary>
/// 275, 005010X210: additional information to support a health care claim or encounter. pyx12 has no map.
/// Header: BGN; 1000A payer, 1000B submitter, 1000C provider (with 1100C NX1/N3/N4), 1000D patient with the
/// claim's identifiers and dates. Detail: 2000A per attachment (LX, TRN, STC), 2100A service line date,
/// 2100B submitted date and category (DTP, CAT), 2110B the document itself (EFI, BIN).
/// </summary>
public static class AttachmentGuide
{
    public const string Id = "005010X210";

    public static GuideDocument Build(GuideParts p, GuideDocument professional)
    {
        var root = Loop("ST_LOOP", "Transaction Set Header", "R", 1,
            p.Segment("ST", "Transaction Set Header", "R", 1, [],
                E("143", "Transaction Set Identifier Code", "R", "275"),
                E("329", "Transaction Set Control Number", "R"),
                E("1705", "Implementation Convention Reference", "R", Id)),
            p.Segment("BGN", "Beginning Segment", "R", 1, ["C0504"],
                E("353", "Transaction Set Purpose Code", "R", "02", "11"),
                E("127", "Originator Transaction Identifier", "R"),
                E("373", "Transaction Set Creation Date", "R"),
                E("337", "Transaction Set Creation Time", "S"),
                N("623", "Time Code"),
                N("127", "Reference Identification"),
                N("640", "Transaction Type Code"),
                N("306", "Action Code"),
                N("786", "Security Level Code")),
            // The 4050 predecessor (X151) names the payer as receiver (40); the 6020 successor (X314) as PR.
            Loop("1000A", "Payer Name", "R", 1,
                Name(p, "Payer Name", "R", ["PR", "40"], ["2"], "Payer Name", first: null, identifierQualifiers: ["PI", "XV"], identifierName: "Payer Identifier", identifierUsage: "R"),
                Contact(p, "Payer Contact Information")),
            Loop("1000B", "Submitter Information", "R", 1,
                Name(p, "Submitter Name", "R", ["41"], ["1", "2"], "Submitter Last or Organization Name", first: "Submitter First Name", identifierQualifiers: ["46"], identifierName: "Submitter Identifier", identifierUsage: "R"),
                Contact(p, "Submitter Contact Information")),
            Loop("1000C", "Provider Name Information", "R", 1,
                Name(p, "Provider Name", "R", ["1P", "85"], ["1", "2"], "Provider Last or Organization Name", first: "Provider First Name", identifierQualifiers: ["XX"], identifierName: "National Provider Identifier", identifierUsage: "R"),
                Loop("1100C", "Provider Identification", "S", 1,
                    p.Segment("NX1", "Provider Identification", "R", 1, [],
                        E("98", "Entity Identifier Code", "R"),
                        N("98", "Entity Identifier Code"),
                        N("98", "Entity Identifier Code"),
                        N("98", "Entity Identifier Code"),
                        N("98", "Entity Identifier Code")),
                    Address(professional, "N3", "Provider Address"),
                    Address(professional, "N4", "Provider City, State, ZIP Code"))),
            Loop("1000D", "Patient Name", "R", 1,
                Name(p, "Patient Name", "R", ["QC"], ["1"], "Patient Last Name", first: "Patient First Name", identifierQualifiers: ["MI"], identifierName: "Patient Primary Identifier", identifierUsage: "S"),
                p.Ref("Patient Control Number", "S", 1, "Patient Control Number", "EJ"),
                p.Ref("Institutional Type of Bill", "S", 1, "Bill Type Identifier", "BLT"),
                p.Ref("Medical Record Identification Number", "S", 1, "Medical Record Number", "EA"),
                p.Ref("Claim Identification Number for Clearinghouses and Other Transmission Intermediaries", "S", 1, "Clearinghouse Trace Number", "D9"),
                p.Segment("DTP", "Claim Service Date", "S", 1, [],
                    E("374", "Date Time Qualifier", "R", "434", "472"),
                    E("1250", "Date Time Period Format Qualifier", "R", "D8", "RD8"),
                    E("1251", "Claim Service Period", "R"))),
            Loop("2000A", "Assigned Number", "R", null,
                p.Segment("LX", "Assigned Number", "R", 1, [],
                    E("554", "Assigned Number", "R")),
                p.Segment("TRN", "Payer Claim Control Number / Provider Attachment Control Number", "R", 1, [],
                    E("481", "Trace Type Code", "R", "1", "2"),
                    E("127", "Attachment Control Number", "R"),
                    N("509", "Originating Company Identifier"),
                    N("127", "Reference Identification")),
                p.Segment("STC", "Request Response Identification", "S", 1, [],
                    C("C043", "Health Care Claim Status", "R",
                        E("1271", "Health Care Claim Status Category Code", "R"),
                        E("1271", "Status Code", "R"),
                        E("98", "Entity Identifier Code", "S"),
                        E("1270", "Code List Qualifier Code", "S", "LOI")),
                    N("373", "Date"),
                    N("306", "Action Code"),
                    N("782", "Monetary Amount"),
                    N("782", "Monetary Amount"),
                    N("373", "Date"),
                    N("591", "Payment Method Code"),
                    N("373", "Date"),
                    N("429", "Check Number"),
                    C("C043", "Health Care Claim Status", "N",
                        N("1271", "Industry Code"), N("1271", "Industry Code"), N("98", "Entity Identifier Code"), N("1270", "Code List Qualifier Code")),
                    C("C043", "Health Care Claim Status", "N",
                        N("1271", "Industry Code"), N("1271", "Industry Code"), N("98", "Entity Identifier Code"), N("1270", "Code List Qualifier Code")),
                    N("933", "Free-form Message Text")),
                Loop("2100A", "Service Line Service Date", "S", 1,
                    p.Dtp("Service Line Date of Service", "R", "472", "Service Date", "D8", "RD8")),
                Loop("2100B", "Additional Information Submitted Date", "R", 1,
                    p.Dtp("Additional Information Submission Date", "R", "368", "Submitted Date", "D8"),
                    p.Segment("CAT", "Category of Patient Information Service", "R", 1, [],
                        E("1136", "Attachment Report Type Code", "R", "AE"),
                        E("1270", "Attachment Format Code", "R"),
                        N("799", "Version Identifier"),
                        N("1271", "Industry Code")),
                    Loop("2110B", "Binary Data", "R", 1,
                        p.Segment("EFI", "Electronic Format Identification", "R", 1, [],
                            E("786", "Security Level Code", "R", "05"),
                            N("933", "Free-form Message Text"),
                            N("797", "Security Technique Code"),
                            N("799", "Version Identifier"),
                            N("802", "Program Identifier"),
                            N("799", "Version Identifier"),
                            N("801", "Interchange Format"),
                            N("799", "Version Identifier"),
                            N("800", "Compression Technique"),
                            N("789", "Drawing Sheet Size Code")),
                        p.Segment("BIN", "Binary Data Segment", "R", 1, [],
                            E("784", "Length of Binary Data", "R"),
                            E("785", "Object Data", "R"))))),
            p.Segment("SE", "Transaction Set Trailer", "R", 1, [],
                E("96", "Transaction Segment Count", "R"),
                E("329", "Transaction Set Control Number", "R")));

        return new GuideDocument
        {
            Id = Id,
            TransactionSet = "275",
            FunctionalGroup = "PI",
            Name = "Additional Information to Support a Health Care Claim or Encounter",
            Errata = [],
            Source = "Authored in tools/SubmissionGateway.GuideConverter/Authored/AttachmentGuide.cs; verification in schemas/x12/README.md.",
            Transaction = root,
        };
    }

    /// <summary>N3/N4 as every 5010 health care guide has them, renamed for the party.</summary>
    private static GuideSegment Address(GuideDocument professional, string id, string name)
    {
        var segment = professional.Transaction.Loop("2000A/2010AA").Segment(id).Clone();
        segment.Name = name;
        foreach (var e in segment.Elements)
        {
            e.Name = e.Name.Replace("Billing Provider", "Provider", StringComparison.Ordinal);
        }

        return segment;
    }

    private static GuideSegment Contact(GuideParts p, string name) =>
        p.Segment("PER", name, "S", 1, ["P0304", "P0506", "P0708"],
            E("366", "Contact Function Code", "R", "IC"),
            E("93", "Name", "S"),
            E("365", "Communication Number Qualifier", "S", "EM", "FX", "TE"),
            E("364", "Communication Number", "S"),
            E("365", "Communication Number Qualifier", "S", "EM", "EX", "FX", "TE"),
            E("364", "Communication Number", "S"),
            E("365", "Communication Number Qualifier", "S", "EM", "EX", "FX", "TE"),
            E("364", "Communication Number", "S"),
            N("443", "Contact Inquiry Reference"));

    private static GuideSegment Name(
        GuideParts p, string name, string usage, string[] entity, string[] entityType, string last, string? first,
        string[] identifierQualifiers, string identifierName, string identifierUsage) =>
        p.Segment("NM1", name, usage, 1, ["P0809", "C1110", "C1203"],
            E("98", "Entity Identifier Code", "R", entity),
            E("1065", "Entity Type Qualifier", "R", entityType),
            E("1035", last, "R"),
            first is null ? N("1036", "Name First") : E("1036", first, "S"),
            first is null ? N("1037", "Name Middle") : E("1037", name.Replace(" Name", " Middle Name or Initial", StringComparison.Ordinal), "S"),
            N("1038", "Name Prefix"),
            first is null ? N("1039", "Name Suffix") : E("1039", name.Replace(" Name", " Name Suffix", StringComparison.Ordinal), "S"),
            E("66", "Identification Code Qualifier", identifierUsage, identifierQualifiers),
            E("67", identifierName, identifierUsage),
            N("706", "Entity Relationship Code"),
            N("98", "Entity Identifier Code"),
            N("1035", "Name Last or Organization Name"));
}
