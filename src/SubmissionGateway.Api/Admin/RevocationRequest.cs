namespace SubmissionGateway.Api.Admin;

/// <summary>Body of <c>POST /admin/revocations</c>: exactly one of <see cref="Subject"/> or <see cref="Thumbprint"/>, and why.</summary>
public sealed record RevocationRequest(string? Subject, string? Thumbprint, string? Reason);
