namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>The body of <c>POST /attachment-requests/{id}/assign</c>.</summary>
public sealed record RequestAssignment(string Coder);
