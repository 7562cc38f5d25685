using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Claims;

/// <summary>
/// A typed view of one 837 claim (loop 2300 with its parties and lines), built while the file is validated,
/// without a second parse.
/// </summary>
public sealed class Claim
{
    private List<OtherPayerAdjudication>? _otherPayers;
    private List<AttachmentReference>? _attachments;
    private List<X12Finding>? _findings;

    /// <summary>CLM01, the patient control number the provider assigned.</summary>
    public string Id { get; internal set; } = string.Empty;

    public ClaimKind Kind { get; internal set; }

    /// <summary>CLM02.</summary>
    public decimal TotalCharge { get; internal set; }

    /// <summary>CLM05-1: place of service (837P/D) or facility type (837I).</summary>
    public string? PlaceOfService { get; internal set; }

    /// <summary>CLM05-2: B (place of service) or A (uniform billing facility type).</summary>
    public string? FacilityCodeQualifier { get; internal set; }

    /// <summary>CLM05-3: 1 original, 7 replacement, 8 void…</summary>
    public string? FrequencyCode { get; internal set; }

    /// <summary>REF*F8: the payer's claim control number (needed for frequency 7 and 8).</summary>
    public string? PayerClaimControlNumber { get; internal set; }

    public Organization? Submitter { get; internal set; }

    public Organization? Receiver { get; internal set; }

    public Organization? BillingProvider { get; internal set; }

    public Organization? Payer { get; internal set; }

    public Person? Subscriber { get; internal set; }

    /// <summary>The patient: the subscriber when the 2000C loop is absent.</summary>
    public Person? Patient { get; internal set; }

    public bool PatientIsSubscriber { get; internal set; }

    /// <summary>SBR02: 18 when the subscriber is the patient.</summary>
    public string? SubscriberRelationship { get; internal set; }

    /// <summary>PRV03 of the billing provider (2000A PRV*BI): NUCC taxonomy code.</summary>
    public string? BillingProviderTaxonomy { get; internal set; }

    /// <summary>2310B rendering provider, when sent.</summary>
    public Organization? RenderingProvider { get; internal set; }

    /// <summary>Coordination of benefits: what other payers did (2320).</summary>
    public List<OtherPayerAdjudication> OtherPayers => _otherPayers ??= [];

    /// <summary>Statement period (DTP*434), for institutional claims.</summary>
    public DateOnly? StatementFrom { get; internal set; }

    public DateOnly? StatementTo { get; internal set; }

    /// <summary>Claim-level date of service (DTP*472 in 2300), when sent.</summary>
    public DateOnly? ServiceDateFrom { get; internal set; }

    public DateOnly? ServiceDateTo { get; internal set; }

    /// <summary>HI composites of loop 2300, in order.</summary>
    public IReadOnlyList<DiagnosisCode> Diagnoses => DiagnosisArray;

    /// <summary>2400 service lines, in order.</summary>
    public IReadOnlyList<ServiceLine> Lines => LineArray;

    // Exactly sized arrays, set once the claim is complete: a large batch keeps tens of thousands of claims, and a list
    // with its spare capacity is two objects and a third more memory for the GC to carry per claim. The edits read
    // the arrays directly, so enumerating them allocates nothing.
    internal DiagnosisCode[] DiagnosisArray { get; set; } = [];

    internal ServiceLine[] LineArray { get; set; } = [];

    public List<AttachmentReference> Attachments => _attachments ??= [];

    /// <summary>Byte offset of the CLM segment.</summary>
    public long Offset { get; internal set; }

    /// <summary>Position of CLM in its transaction set.</summary>
    public int SegmentPosition { get; internal set; }

    /// <summary>Claim-level findings (SNIP 3–5); SNIP 1–2 findings stay on the transaction set, tagged with this claim id.</summary>
    public List<X12Finding> Findings => _findings ??= [];

    /// <summary>False when the transaction set failed SNIP 1–2.</summary>
    public bool SyntaxAccepted { get; internal set; } = true;

    /// <summary>The claim can go to its payer: its transaction set is sound and no edit rejected it.</summary>
    public bool Accepted => SyntaxAccepted && (_findings is null || !_findings.Exists(f => f.Scope == FindingScope.Claim));

    // Most claims have no paperwork, no other payer and no finding: those lists exist only once something is added.
    internal List<OtherPayerAdjudication>? OtherPayersIfAny => _otherPayers;

    internal List<AttachmentReference>? AttachmentsIfAny => _attachments;

    /// <summary>The first and last dates of service over the claim and its lines.</summary>
    public (DateOnly From, DateOnly To)? DatesOfService
    {
        get
        {
            DateOnly? from = ServiceDateFrom ?? StatementFrom;
            DateOnly? to = ServiceDateTo ?? StatementTo ?? from;
            foreach (var line in LineArray)
            {
                if (line.ServiceDateFrom is { } f && (from is null || f < from))
                {
                    from = f;
                }

                var t = line.ServiceDateTo ?? line.ServiceDateFrom;
                if (t is { } lt && (to is null || lt > to))
                {
                    to = lt;
                }
            }

            return from is { } a && to is { } b ? (a, b) : null;
        }
    }
}
