using System.Globalization;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.X12.Attachments;
using SubmissionGateway.X12.Claims;

namespace SubmissionGateway.Intake;

/// <summary>
/// Compares what a 275 says about its subject (patient, claim, dates of service) with what the gateway holds, and
/// names every field that disagrees without repeating the value held.
/// </summary>
internal static class AttachmentSubjectCheck
{
    public static void Patient(Person? stated, PatientIdentity recorded, string against, List<AttachmentMismatch> mismatches)
    {
        if (stated is null)
        {
            mismatches.Add(new("patient", "The 275 names no patient (loop 1000D NM1*QC)."));
            return;
        }

        if (string.IsNullOrWhiteSpace(stated.MemberId) || PatientBlindIndex.Normalize(stated.MemberId) != PatientBlindIndex.Normalize(recorded.MemberId))
        {
            mismatches.Add(new("patient.memberId", $"The patient's member id (NM1*QC09) is not the one on the {against}."));
        }

        if (!SameName(stated.LastName, stated.FirstName, recorded.Name))
        {
            mismatches.Add(new("patient.name", $"The patient's name (NM1*QC03/04) is not the one on the {against}."));
        }

        // X210 has no DMG in loop 1000D, so a conforming 275 carries no birth date; one that does is held to it.
        if (stated.BirthDate is { } birthDate && birthDate != recorded.BirthDate)
        {
            mismatches.Add(new("patient.birthDate", $"The patient's birth date (DMG02) is not the one on the {against}."));
        }
    }

    public static void ServiceDates(AttachmentTransaction view, DateOnly from, DateOnly to, string against, List<AttachmentMismatch> mismatches)
    {
        // DTP*472 in 1000D is situational in X210: checked whenever it is sent.
        if (view.ServiceDateFrom is not { } statedFrom)
        {
            return;
        }

        var statedTo = view.ServiceDateTo ?? statedFrom;
        if (statedFrom < from || statedTo > to)
        {
            mismatches.Add(new("serviceDate", string.Create(CultureInfo.InvariantCulture,
                $"The dates of service (DTP*472) {statedFrom:yyyy-MM-dd} to {statedTo:yyyy-MM-dd} are not within the {against}'s.")));
        }
    }

    public static void ClaimId(AttachmentTransaction view, string? expected, string against, List<AttachmentMismatch> mismatches)
    {
        if (expected is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(view.PatientControlNumber))
        {
            mismatches.Add(new("claimId", $"The 275 names no patient control number (REF*EJ); it must be the {against}'s claim id (CLM01)."));
        }
        else if (!string.Equals(view.PatientControlNumber.Trim(), expected, StringComparison.Ordinal))
        {
            mismatches.Add(new("claimId", $"The patient control number (REF*EJ) is not the {against}'s claim id (CLM01)."));
        }
    }

    public static void Payer(AttachmentTransaction view, string expected, string against, List<AttachmentMismatch> mismatches)
    {
        if (!string.Equals(view.Payer?.Id?.Trim(), expected, StringComparison.Ordinal))
        {
            mismatches.Add(new("payerId", $"The payer (NM1*PR09) is not the {against}'s payer."));
        }
    }

    /// <summary>
    /// Names are held as written at intake ("LAST, FIRST MIDDLE") or by a coder ("FIRST LAST"): the last names must
    /// be equal and, when both sides have one, the first given names.
    /// </summary>
    public static bool SameName(string statedLast, string? statedFirst, string recorded)
    {
        var (last, first) = Split(recorded);
        if (!string.Equals(Normalize(statedLast), last, StringComparison.Ordinal))
        {
            return false;
        }

        var given = Normalize(statedFirst ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return given is null || first is null || string.Equals(given, first, StringComparison.Ordinal);
    }

    private static (string Last, string? First) Split(string recorded)
    {
        var comma = recorded.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            var given = Normalize(recorded[(comma + 1)..]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (Normalize(recorded[..comma]), given.FirstOrDefault());
        }

        var parts = Normalize(recorded).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => ("", null),
            1 => (parts[0], null),
            _ => (parts[^1], parts[0]),
        };
    }

    private static string Normalize(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();
}
