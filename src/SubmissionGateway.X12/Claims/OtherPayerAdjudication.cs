namespace SubmissionGateway.X12.Claims;

/// <summary>What another payer did with the claim (coordination of benefits, loop 2320/2330B).</summary>
public sealed class OtherPayerAdjudication
{
    /// <summary>2330B NM109: the other payer's id; the key service-line adjudications (SVD01) refer to.</summary>
    public string? PayerId { get; internal set; }

    /// <summary>AMT*D: what the other payer paid on the claim, when sent.</summary>
    public decimal? PaidAmount { get; internal set; }

    /// <summary>The sum of the claim-level CAS amounts in the 2320 loop.</summary>
    public decimal ClaimAdjustments { get; internal set; }
}
