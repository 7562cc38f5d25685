namespace SubmissionGateway.AttachmentRequests;

/// <summary>What the inspection found and the bytes that will be stored and sent (for a PDF, the metadata-free rewrite).</summary>
internal sealed record InspectedDocument(DocumentFormats Format, int? PageCount, ReadOnlyMemory<byte> Content, UploadRefusal? Refusal)
{
    public static InspectedDocument Refused(UploadRefusal refusal) => new(DocumentFormats.None, null, ReadOnlyMemory<byte>.Empty, refusal);
}
