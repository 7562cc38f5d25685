namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// The code list qualifier of a diagnosis in HI (HI01-1…): ICD-10-CM qualifiers (ABK principal, ABF other,
/// ABJ admitting, APR patient's reason for visit, ABN external cause) from 2015-10-01; the ICD-9-CM ones (BK, BF,
/// BJ, PR, BN) only before.
/// </summary>
public static class DiagnosisCodeQualifier
{
    private static readonly string[] Icd10 = ["ABK", "ABF", "ABJ", "APR", "ABN"];
    private static readonly string[] Icd9 = ["BK", "BF", "BJ", "PR", "BN"];

    /// <summary>The diagnosis qualifiers allowed for a date of service.</summary>
    public static IReadOnlyList<string> AllowedOn(DateOnly dateOfService) =>
        dateOfService >= CodeSetCatalog.Icd10Start ? Icd10 : Icd9;

    /// <summary>True for an ICD-10-CM qualifier (then check the code with <see cref="CodeSetCatalog.CheckIcd10Cm"/>).</summary>
    public static bool IsIcd10Cm(ReadOnlySpan<byte> qualifier) => IndexOf(Icd10, qualifier) >= 0;

    /// <summary>
    /// <see cref="CodeCheckResult.Valid"/> when the qualifier is allowed on the date,
    /// <see cref="CodeCheckResult.NotEffectiveOnDate"/> for ICD-9 on or after 2015-10-01 (or ICD-10 before),
    /// <see cref="CodeCheckResult.UnknownCode"/> for anything else.
    /// </summary>
    public static CodeCheckResult Check(ReadOnlySpan<byte> qualifier, DateOnly dateOfService)
    {
        var icd10 = dateOfService >= CodeSetCatalog.Icd10Start;
        if (IndexOf(Icd10, qualifier) >= 0)
        {
            return icd10 ? CodeCheckResult.Valid : CodeCheckResult.NotEffectiveOnDate;
        }

        if (IndexOf(Icd9, qualifier) >= 0)
        {
            return icd10 ? CodeCheckResult.NotEffectiveOnDate : CodeCheckResult.Valid;
        }

        return CodeCheckResult.UnknownCode;
    }

    private static int IndexOf(string[] qualifiers, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < qualifiers.Length; i++)
        {
            var q = qualifiers[i];
            if (q.Length != value.Length)
            {
                continue;
            }

            var match = true;
            for (var j = 0; j < q.Length && match; j++)
            {
                match = q[j] == value[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
