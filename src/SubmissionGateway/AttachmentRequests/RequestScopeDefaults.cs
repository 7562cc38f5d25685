namespace SubmissionGateway.AttachmentRequests;

/// <summary>The scope a new request gets unless its creator narrows it: limits, formats and how long it stays open.</summary>
public sealed class RequestScopeDefaults
{
    /// <summary>CAQH CORE asks that attachments of at least 64 MB be supported.</summary>
    public const long CoreMinimumBytes = 64L * 1024 * 1024;

    public long MaxDocumentBytes { get; set; } = CoreMinimumBytes;

    public long MaxTotalBytes { get; set; } = CoreMinimumBytes;

    public DocumentFormats AllowedFormats { get; set; } = DocumentFormats.Pdf | DocumentFormats.Tiff | DocumentFormats.Jpeg | DocumentFormats.Png;

    /// <summary>Whether this payer receives C-CDA XML documents at all.</summary>
    public bool AllowCdaXml { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);
}
