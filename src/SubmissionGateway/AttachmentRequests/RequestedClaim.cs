namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// One claim a payer's 277RFAI asks documents for: who asks, whom and which claim it is about, the LOINC codes
/// wanted and the dates of service. The 277RFAI carries no birth date; the claim index supplies it.
/// </summary>
public sealed record RequestedClaim(
    string PayerId,
    string? ProviderNpi,
    string PatientLastName,
    string? PatientFirstName,
    string PatientMemberId,
    string TrackingNumber,
    string? ClaimId,
    string? PayerClaimControlNumber,
    IReadOnlyList<string> LoincCodes,
    DateOnly ServiceDateFrom,
    DateOnly ServiceDateTo)
{
    /// <summary>The name as the ledger and the 275 use it: given names, then the last name.</summary>
    public string PatientName => PatientFirstName is null ? PatientLastName : PatientFirstName + " " + PatientLastName;
}
