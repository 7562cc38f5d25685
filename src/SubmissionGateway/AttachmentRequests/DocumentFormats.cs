namespace SubmissionGateway.AttachmentRequests;

/// <summary>The file formats a request takes; C-CDA XML only where the payer has agreed to receive it.</summary>
[Flags]
public enum DocumentFormats
{
    None = 0,
    Pdf = 1,
    Tiff = 2,
    Jpeg = 4,
    Png = 8,
    CdaXml = 16,
}
