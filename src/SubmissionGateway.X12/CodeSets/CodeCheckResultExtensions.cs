namespace SubmissionGateway.X12.CodeSets;

/// <summary>Reading a <see cref="CodeCheckResult"/>.</summary>
public static class CodeCheckResultExtensions
{
    /// <summary>True when the code may be accepted: <see cref="CodeCheckResult.Valid"/> or <see cref="CodeCheckResult.FormatOnly"/>.</summary>
    public static bool IsAccepted(this CodeCheckResult result) =>
        result is CodeCheckResult.Valid or CodeCheckResult.FormatOnly;
}
