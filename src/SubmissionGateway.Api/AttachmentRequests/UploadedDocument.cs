using SubmissionGateway.AttachmentRequests;

namespace SubmissionGateway.Api.AttachmentRequests;

public sealed record UploadedDocument(long Id, string LoincCode, string Format, string FileName, long Size, string Sha256, int? PageCount)
{
    public static UploadedDocument Of(RequestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document.Id, document.LoincCode, document.Format.ToString(), document.FileName, document.Size, document.Sha256, document.PageCount);
    }
}
