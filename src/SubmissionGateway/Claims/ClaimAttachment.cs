namespace SubmissionGateway.Claims;

/// <summary>A PWK the claim announced: the report type (PWK01), how it is sent (PWK02) and its control number (PWK06).</summary>
public sealed class ClaimAttachment
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    public string ReportType { get; set; } = "";

    public string TransmissionCode { get; set; } = "";

    public string ControlNumber { get; set; } = "";
}
