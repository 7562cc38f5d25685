namespace SubmissionGateway.Disclosures;

/// <summary>One payload that left: its document type, LOINC attachment code, size and SHA-256 (hex).</summary>
public sealed record DisclosedDocument(string DocumentType, string? LoincCode, long Size, string Sha256);
