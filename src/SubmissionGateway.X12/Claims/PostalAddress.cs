namespace SubmissionGateway.X12.Claims;

/// <summary>N3/N4.</summary>
public sealed record PostalAddress(string Line1, string? Line2, string City, string? State, string? PostalCode);
