using System.ComponentModel.DataAnnotations;

namespace SubmissionGateway.Disclosures;

public sealed class AccessReviewOptions
{
    /// <summary>Distinct resources touched in a day above this multiple of the assigned queue is flagged.</summary>
    [Range(1.0, 100.0)]
    public double VolumeFactor { get; set; } = 3.0;
}
