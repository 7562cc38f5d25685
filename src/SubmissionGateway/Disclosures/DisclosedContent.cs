using System.Text.Json;
using System.Text.Json.Serialization;

namespace SubmissionGateway.Disclosures;

/// <summary>The description of the PHI disclosed: claims, dates of service and the documents with their digests.</summary>
public sealed record DisclosedContent(
    IReadOnlyList<string> ClaimIds,
    IReadOnlyList<DateOnly> ServiceDates,
    IReadOnlyList<DisclosedDocument> Documents)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>The stored form; the ledger hashes these exact characters, so the form is written once and kept.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DisclosedContent FromJson(string json) =>
        JsonSerializer.Deserialize<DisclosedContent>(json, Json)
        ?? throw new InvalidOperationException("The disclosure description is empty.");
}
