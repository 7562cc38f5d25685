using SubmissionGateway.AttachmentRequests;

namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>The JSON body of <c>POST /attachment-requests</c>: an appeal or denial response opened by a coder.</summary>
public sealed record NewAttachmentRequest(
    string PayerId,
    string? ClaimId,
    string? PayerClaimControlNumber,
    StatedPatient Patient,
    DateOnly ServiceDateFrom,
    DateOnly ServiceDateTo,
    AttachmentRequestPurpose Purpose,
    IReadOnlyDictionary<string, int> DocumentTypes,
    string? AssignedCoder = null,
    string? PayerRequestNumber = null);
