namespace SubmissionGateway.Protection.PhiFields;

/// <summary>The patient as the ledger needs to name them; never stored in clear.</summary>
public sealed record PatientIdentity(string Name, string MemberId, DateOnly BirthDate);
