namespace SubmissionGateway.X12.CodeSets;

/// <summary>Which 837 a claim came in, where a code's validity depends on it (claim frequency codes).</summary>
public enum ClaimForm : byte
{
    /// <summary>837P, 005010X222A1.</summary>
    Professional,

    /// <summary>837I, 005010X223A2.</summary>
    Institutional,

    /// <summary>837D, 005010X224A2.</summary>
    Dental,
}
