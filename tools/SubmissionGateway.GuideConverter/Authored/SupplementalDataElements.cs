using SubmissionGateway.GuideConverter.Pyx12;

namespace SubmissionGateway.GuideConverter.Authored;

/// <summary>
/// X12 005010 dictionary entries that pyx12's dataele.xml lacks because no pyx12 map uses them (the 275's
/// EFI and BIN segments). Type and lengths as the X12 dictionary publishes them.
/// </summary>
public static class SupplementalDataElements
{
    public static IReadOnlyDictionary<string, DataElementDefinition> All { get; } =
        new Dictionary<string, DataElementDefinition>(StringComparer.Ordinal)
        {
            ["784"] = new("784", "N0", 1, 15, "Length of Binary Data"),
            // BIN02's real bound is BIN01; the format needs a number, so the largest our model holds.
            ["785"] = new("785", "B", 1, int.MaxValue, "Binary Data"),
            ["789"] = new("789", "AN", 2, 2, "Drawing Sheet Size Code"),
            ["797"] = new("797", "ID", 2, 2, "Security Technique Code"),
            ["800"] = new("800", "AN", 1, 30, "Compression Technique"),
            ["801"] = new("801", "AN", 1, 30, "Interchange Format"),
            ["802"] = new("802", "AN", 1, 30, "Program Identifier"),
        };
}
