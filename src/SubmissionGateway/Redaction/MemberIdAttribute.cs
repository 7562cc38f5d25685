using Microsoft.Extensions.Compliance.Classification;

namespace SubmissionGateway.Redaction;

/// <summary>A patient's member (subscriber) id. Redacted in logs.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MemberIdAttribute : DataClassificationAttribute
{
    public MemberIdAttribute()
        : base(PhiTaxonomy.MemberId)
    {
    }
}
