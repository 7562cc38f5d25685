using Microsoft.Extensions.Compliance.Classification;

namespace SubmissionGateway.Redaction;

/// <summary>A patient's date of birth. Redacted in logs.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BirthDateAttribute : DataClassificationAttribute
{
    public BirthDateAttribute()
        : base(PhiTaxonomy.BirthDate)
    {
    }
}
