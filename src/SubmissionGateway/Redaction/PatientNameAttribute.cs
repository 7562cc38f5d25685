using Microsoft.Extensions.Compliance.Classification;

namespace SubmissionGateway.Redaction;

/// <summary>A patient's name. Redacted in logs.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PatientNameAttribute : DataClassificationAttribute
{
    public PatientNameAttribute()
        : base(PhiTaxonomy.PatientName)
    {
    }
}
