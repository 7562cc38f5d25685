namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>
/// The fields read ahead of the file, and the file part itself (null when the body ended without one). When
/// <see cref="TooLongField"/> is set, reading stopped at that field.
/// </summary>
internal sealed record StreamedUploadPart(IReadOnlyDictionary<string, string> Fields, Stream? File, string? FileName, string? TooLongField);
