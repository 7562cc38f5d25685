namespace SubmissionGateway.X12.CodeSets;

/// <summary>The verdict of one code-set check. Only <see cref="Valid"/> and <see cref="FormatOnly"/> accept the code.</summary>
public enum CodeCheckResult : byte
{
    /// <summary>The code is well formed and, where a code set applies, known and effective on the date of service.</summary>
    Valid,

    /// <summary>The code is well formed, but no code set is loaded for it (or for that date): the caller must say the check was format only.</summary>
    FormatOnly,

    /// <summary>The code is well formed but is not in the code set.</summary>
    UnknownCode,

    /// <summary>An ICD-10-CM category header: it exists but may not be billed; a more specific code is required.</summary>
    NotBillable,

    /// <summary>The code exists, but not on the date of service (added later, or already terminated).</summary>
    NotEffectiveOnDate,

    /// <summary>The code does not have the shape its code set requires.</summary>
    InvalidFormat,

    /// <summary>The code has the right shape but its check digit is wrong (NPI, LOINC).</summary>
    InvalidCheckDigit,

    /// <summary>A date of service after today.</summary>
    FutureDate,
}
