namespace SubmissionGateway.X12.Claims;

/// <summary>A PWK segment: paperwork that supports the claim and how it reaches the payer.</summary>
/// <param name="ReportType">PWK01, the attachment report type code (e.g. OZ, 03, B4).</param>
/// <param name="TransmissionCode">PWK02: AA available on request, EL electronically only, BM by mail, FX fax…</param>
/// <param name="ControlNumber">PWK06: the attachment control number a 275 quotes back.</param>
/// <param name="ClaimLevel">False when the PWK is on a service line.</param>
public sealed record AttachmentReference(string ReportType, string TransmissionCode, string? ControlNumber, bool ClaimLevel)
{
    /// <summary>PWK05: AC when PWK06 carries an attachment control number.</summary>
    public string? IdentifierQualifier { get; init; }
}
