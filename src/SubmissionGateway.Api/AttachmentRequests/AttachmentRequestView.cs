using SubmissionGateway.AttachmentRequests;

namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>A request as the API shows it: scope and state, never the patient (the coder already knows who it is). An unassigned request has an empty <c>AssignedCoder</c>.</summary>
public sealed record AttachmentRequestView(
    string Id,
    string PayerId,
    string? ClaimId,
    string State,
    string AssignedCoder,
    DateTimeOffset ExpiresAt,
    long MaxDocumentBytes,
    long MaxTotalBytes,
    IReadOnlyDictionary<string, int> DocumentTypes,
    IReadOnlyList<UploadedDocument> Documents,
    string Purpose,
    string? PayerRequestNumber,
    DateOnly ServiceDateFrom,
    DateOnly ServiceDateTo)
{
    public static AttachmentRequestView Of(AttachmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Id, request.PayerId, request.ClaimId, request.State.ToString(), request.AssignedCoder,
            DateTimeOffset.FromUnixTimeMilliseconds(request.ExpiresAtMs), request.MaxDocumentBytes, request.MaxTotalBytes,
            request.RequestedTypes.ToDictionary(t => t.LoincCode, t => t.Count, StringComparer.Ordinal),
            [.. request.Documents.Select(UploadedDocument.Of)], request.Purpose.ToString(), request.PayerRequestNumber,
            request.ServiceDateFrom, request.ServiceDateTo);
    }
}
