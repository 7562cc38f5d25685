using Microsoft.Extensions.Compliance.Classification;

namespace SubmissionGateway.Redaction;

/// <summary>
/// The kinds of protected health information the gateway may hold in a log parameter. Every log parameter that can
/// carry one is tagged with its attribute (<see cref="PatientNameAttribute"/>, …) and is redacted before any
/// logging provider sees it.
/// </summary>
public static class PhiTaxonomy
{
    public const string TaxonomyName = "SubmissionGateway.PHI";

    public static DataClassification PatientName { get; } = new(TaxonomyName, nameof(PatientName));

    public static DataClassification MemberId { get; } = new(TaxonomyName, nameof(MemberId));

    public static DataClassification BirthDate { get; } = new(TaxonomyName, nameof(BirthDate));

    /// <summary>The claim's patient control number (CLM01) and payer claim control numbers: they identify a patient's encounter.</summary>
    public static DataClassification ClaimId { get; } = new(TaxonomyName, nameof(ClaimId));

    /// <summary>Free text from outside the gateway (a payer's error body, a file name) that may quote any of the above.</summary>
    public static DataClassification FreeText { get; } = new(TaxonomyName, nameof(FreeText));

    /// <summary>
    /// Every PHI classification, each as its own set: a redactor is found by the exact set a parameter carries, so
    /// one set holding all of them would match none of the single-classified parameters.
    /// </summary>
    public static IReadOnlyList<DataClassificationSet> All { get; } =
        [new(PatientName), new(MemberId), new(BirthDate), new(ClaimId), new(FreeText)];
}
