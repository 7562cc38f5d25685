using Microsoft.Extensions.Compliance.Classification;

namespace SubmissionGateway.Redaction;

/// <summary>A claim id (CLM01) or payer claim control number. Redacted in logs.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ClaimIdAttribute : DataClassificationAttribute
{
    public ClaimIdAttribute()
        : base(PhiTaxonomy.ClaimId)
    {
    }
}
