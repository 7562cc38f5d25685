namespace SubmissionGateway.Disclosures;

/// <summary>What a ledger entry records. Outcomes and incidents point at the disclosure they concern.</summary>
public enum DisclosureEntryKind
{
    Disclosure,
    DeliveryOutcome,
    Incident,
}
