namespace SubmissionGateway.AttachmentRequests;

/// <summary>One document type a request asks for (a LOINC attachment code) and how many of it may be sent.</summary>
public sealed class RequestedDocumentType
{
    public long Id { get; set; }

    public string RequestId { get; set; } = "";

    public string LoincCode { get; set; } = "";

    public int Count { get; set; }
}
