namespace SubmissionGateway.X12.Claims;

/// <summary>One HI composite: qualifier (ABK principal ICD-10-CM, ABF other, …) and code as sent (no dot).</summary>
public readonly record struct DiagnosisCode(string Qualifier, string Code);
