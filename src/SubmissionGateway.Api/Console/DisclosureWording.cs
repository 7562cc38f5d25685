using System.Globalization;
using System.Text.Json;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Api.Console;

/// <summary>A ledger entry's description of what was disclosed, as a sentence a privacy officer reads aloud to a patient.</summary>
public static class DisclosureWording
{
    public static string Describe(string transactionType, string descriptionJson)
    {
        DisclosedContent content;
        try
        {
            content = DisclosedContent.FromJson(descriptionJson);
        }
        catch (JsonException)
        {
            // An entry written by an older form: shown as recorded rather than hidden.
            return descriptionJson;
        }

        var what = transactionType switch
        {
            "837" => "Claim",
            "275" => "Attachment",
            _ => "X12 " + transactionType,
        };
        var claims = content.ClaimIds.Count == 0 ? "" : $" for claim {string.Join(", ", content.ClaimIds)}";
        var dates = content.ServiceDates.Count == 0 ? "" : $"; date of service {string.Join(" to ", content.ServiceDates.Select(d => d.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture)))}";
        var documents = content.Documents.Count == 0 ? "" : "; " + string.Join("; ", content.Documents.Select(d =>
            $"{(d.LoincCode is { } loinc ? CoderWording.DocumentType(loinc) : "document")} as {d.DocumentType}, {CoderWording.Size(d.Size)}, SHA-256 {d.Sha256[..Math.Min(12, d.Sha256.Length)]}…"));
        return what + claims + dates + documents;
    }
}
