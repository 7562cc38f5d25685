using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>Invented patients.</summary>
internal static class Patients
{
    public static readonly PatientIdentity Ada = new("Zebulon Quillfeather", "ZQF-4417-0093", new DateOnly(1961, 7, 19));

    public static readonly PatientIdentity Bertram = new("Marisol Vantongeren", "MVT-8820-1174", new DateOnly(1988, 11, 3));
}
