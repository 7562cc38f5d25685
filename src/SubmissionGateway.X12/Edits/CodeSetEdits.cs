using System.Text;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Edits;

/// <summary>
/// SNIP 5: the claim's codes checked against external code sets valid on its date of service: ICD-10-CM
/// (billable, fiscal year), diagnosis qualifiers, HCPCS/CPT and modifiers, NPI check digits, NUCC taxonomy, place
/// of service, state and ZIP codes, frequency codes, and dates of service not in the future. Where no set is
/// imported a check degrades to format only, and a note says so.
/// </summary>
public static class CodeSetEdits
{
    public static void Apply(Claim claim, CodeSetCatalog catalog, DateOnly today, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(notes);
        // Codes are checked as ASCII bytes; one buffer on the stack serves every check, each done before the next starts.
        Span<byte> ascii = stackalloc byte[64];
        var dates = claim.DatesOfService;
        var dateOfService = dates?.From ?? today;
        var form = claim.Kind switch
        {
            ClaimKind.Institutional => ClaimForm.Institutional,
            ClaimKind.Dental => ClaimForm.Dental,
            _ => ClaimForm.Professional,
        };

        if (dates is var (_, last) && ServiceDate.Check(last, today) == CodeCheckResult.FutureDate)
        {
            Reject(claim, "date-of-service-not-future", "187", null, $"Claim {claim.Id}: the date of service {last:yyyy-MM-dd} is in the future.");
        }

        foreach (var diagnosis in claim.DiagnosisArray)
        {
            Check(claim, notes, DiagnosisCodeQualifier.Check(Ascii(diagnosis.Qualifier, ascii), dateOfService), "diagnosis-qualifier",
                diagnosis.Qualifier is "ABK" or "BK" ? "254" : "255", null, "diagnosis qualifier", diagnosis.Qualifier, dateOfService, null);
            if (DiagnosisCodeQualifier.IsIcd10Cm(Ascii(diagnosis.Qualifier, ascii)))
            {
                Check(claim, notes, catalog.CheckIcd10Cm(Ascii(diagnosis.Code, ascii), dateOfService), "icd10cm",
                    diagnosis.Qualifier == "ABK" ? "254" : "255", null, "ICD-10-CM diagnosis code", diagnosis.Code, dateOfService, "ICD-10-CM");
            }
        }

        foreach (var line in claim.LineArray)
        {
            var lineDate = line.ServiceDateFrom ?? dateOfService;
            if (line.ServiceDateFrom is { } from && ServiceDate.Check(line.ServiceDateTo ?? from, today) == CodeCheckResult.FutureDate)
            {
                Reject(claim, "date-of-service-not-future", "187", null, $"Claim {claim.Id}, line {line.Number}: the date of service {from:yyyy-MM-dd} is in the future.");
            }

            if (line.ProcedureQualifier == "HC" && line.ProcedureCode is { } procedure)
            {
                Check(claim, notes, catalog.CheckProcedureCode(Ascii(procedure, ascii), lineDate), "procedure-code", "454", null,
                    "procedure code (HCPCS/CPT)", procedure, lineDate, "HCPCS/CPT", line.Number);
            }

            foreach (var modifier in line.Modifiers)
            {
                Check(claim, notes, catalog.CheckModifier(Ascii(modifier, ascii), lineDate), "procedure-modifier", "453", null,
                    "procedure modifier", modifier, lineDate, "HCPCS modifiers", line.Number);
            }
        }

        if (claim.BillingProvider is { } billing)
        {
            if (billing.Npi is { } npi)
            {
                Check(claim, notes, NationalProviderIdentifier.Check(Ascii(npi, ascii)), "npi", "562", "85", "billing provider NPI", npi, dateOfService, null);
            }

            if (billing.Address is { } address)
            {
                if (address.State is { } state)
                {
                    Check(claim, notes, catalog.CheckStateCode(Ascii(state, ascii)), "state-code", "126", "85", "billing provider state", state, dateOfService, null);
                }

                if (address.PostalCode is not { } zip || !ZipCode.HasPlusFour(Ascii(zip, ascii)))
                {
                    Reject(claim, "billing-zip-nine-digits", "500", "85",
                        $"Claim {claim.Id}: the billing provider's ZIP code '{address.PostalCode}' must have all nine digits (ZIP+4).");
                }
            }
        }

        if (claim.RenderingProvider?.Npi is { } renderingNpi)
        {
            Check(claim, notes, NationalProviderIdentifier.Check(Ascii(renderingNpi, ascii)), "npi", "562", "82", "rendering provider NPI", renderingNpi, dateOfService, null);
        }

        if (claim.BillingProviderTaxonomy is { } taxonomy)
        {
            Check(claim, notes, catalog.CheckTaxonomy(Ascii(taxonomy, ascii)), "taxonomy", "145", "85", "billing provider taxonomy", taxonomy, dateOfService, "NUCC taxonomy");
        }

        if (form != ClaimForm.Institutional && claim.PlaceOfService is { } place)
        {
            Check(claim, notes, catalog.CheckPlaceOfService(Ascii(place, ascii), dateOfService), "place-of-service", "249", null, "place of service", place, dateOfService, null);
        }

        if (claim.FrequencyCode is { } frequency)
        {
            Check(claim, notes, catalog.CheckClaimFrequency(Ascii(frequency, ascii), form), "claim-frequency", "535", null, "claim frequency code", frequency, dateOfService, null);
        }
    }

    private static void Check(Claim claim, ICollection<string> notes, CodeCheckResult result, string rule, string status, string? entity,
        string what, string value, DateOnly dateOfService, string? codeSet, int line = 0)
    {
        switch (result)
        {
            case CodeCheckResult.Valid:
                return;
            case CodeCheckResult.FormatOnly:
                // One note per code set for the whole file; the text is built only the first time.
                var name = codeSet ?? what;
                if (HasNote(notes, name))
                {
                    return;
                }

                notes.Add($"{name}: no imported code set covers the dates of service; checked for format only (import one with `sgw codesets import`).");
                return;
        }

        if (line > 0)
        {
            what = $"line {line} {what}";
        }

        var reason = result switch
        {
            CodeCheckResult.UnknownCode => "is not a known code",
            CodeCheckResult.NotBillable => "is a category header, not a billable code: send the more specific code",
            CodeCheckResult.NotEffectiveOnDate => $"is not valid on the date of service {dateOfService:yyyy-MM-dd}",
            CodeCheckResult.InvalidCheckDigit => "has a wrong check digit",
            CodeCheckResult.FutureDate => "is in the future",
            _ => "does not have the required format",
        };
        Reject(claim, rule, status, entity, $"Claim {claim.Id}: {what} '{value}' {reason}.");
    }

    // Asked for every code checked for format only (several per claim): a list is searched by index, without an enumerator.
    private static bool HasNote(ICollection<string> notes, string name)
    {
        if (notes is List<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].StartsWith(name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        return notes.Any(n => n.StartsWith(name, StringComparison.Ordinal));
    }

    private static void Reject(Claim claim, string rule, string status, string? entity, string message) =>
        ClaimEdits.Reject(claim, SnipLevel.CodeSets, rule, status, entity, message);

    /// <summary>The code as ASCII bytes in the caller's buffer: valid until the next call, which is all a check needs.</summary>
    private static ReadOnlySpan<byte> Ascii(string value, Span<byte> buffer)
    {
        if (value.Length > buffer.Length)
        {
            return Encoding.ASCII.GetBytes(value);
        }

        var length = Encoding.ASCII.GetBytes(value, buffer);
        return buffer[..length];
    }
}
