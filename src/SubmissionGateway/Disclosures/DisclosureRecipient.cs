namespace SubmissionGateway.Disclosures;

/// <summary>Who received the PHI: the payer's id, name, postal address and the endpoint it was sent to.</summary>
public sealed record DisclosureRecipient(string PayerId, string Name, string Address, string Endpoint);
