using Microsoft.Extensions.Compliance.Classification;

namespace SubmissionGateway.Redaction;

/// <summary>Text from outside the gateway that may quote PHI. Redacted in logs.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class FreeTextAttribute : DataClassificationAttribute
{
    public FreeTextAttribute()
        : base(PhiTaxonomy.FreeText)
    {
    }
}
