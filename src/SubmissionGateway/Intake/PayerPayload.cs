namespace SubmissionGateway.Intake;

/// <summary>One payer's re-enveloped interchange while a submission is processed.</summary>
internal sealed class PayerPayload(string payerId, string controlNumber, byte[] bytes, IReadOnlyList<string> claimIds)
{
    public string PayerId { get; } = payerId;

    public string ControlNumber { get; } = controlNumber;

    public byte[] Bytes { get; } = bytes;

    public IReadOnlyList<string> ClaimIds { get; } = claimIds;

    public string Reference { get; set; } = "";

    public string Sha256 { get; set; } = "";
}
