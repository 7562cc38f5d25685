namespace SubmissionGateway.X12.Validation;

/// <summary>Which envelope level a finding belongs to; decides which acknowledgment reports it.</summary>
public enum FindingScope
{
    /// <summary>ISA/IEA: reported in the TA1.</summary>
    Interchange,
    /// <summary>GS/GE: reported in the 999's AK9.</summary>
    FunctionalGroup,
    /// <summary>ST/SE and everything between: reported in the 999's IK3/IK4/IK5.</summary>
    TransactionSet,
    /// <summary>A business edit on one claim: reported in the 277CA.</summary>
    Claim,
}
