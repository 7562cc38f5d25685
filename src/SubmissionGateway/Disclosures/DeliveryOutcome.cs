namespace SubmissionGateway.Disclosures;

/// <summary>How a forward ended, as recorded in a <see cref="DisclosureEntryKind.DeliveryOutcome"/> entry.</summary>
public enum DeliveryOutcome
{
    Delivered,
    Failed,
    Abandoned,
}
