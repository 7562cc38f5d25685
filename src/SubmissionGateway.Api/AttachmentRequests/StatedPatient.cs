namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>The patient as a coder states it; it must match the request's exactly.</summary>
public sealed record StatedPatient(string Name, string MemberId, DateOnly BirthDate);
