namespace SubmissionGateway.X12.Claims;

/// <summary>Another payer's adjudication of one service line (loop 2430: SVD and its CAS).</summary>
public sealed class LineAdjudication
{
    /// <summary>SVD01: the other payer's id (2330B NM109).</summary>
    public string? PayerId { get; internal set; }

    /// <summary>SVD02: paid amount.</summary>
    public decimal Paid { get; internal set; }

    /// <summary>The sum of the CAS amounts in this 2430 loop.</summary>
    public decimal Adjustments { get; internal set; }
}
