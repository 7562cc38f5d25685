using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>
/// The component data elements of the X12 005010 composites that pyx12 leaves empty when a guide marks the
/// composite "not used". Our format requires every composite to list its components (so a validator can
/// report the position of a stray component), so they are filled in from the X12 dictionary, all "N".
/// </summary>
public static class CompositeCatalog
{
    private static readonly Dictionary<string, string[]> Components = new(StringComparer.Ordinal)
    {
        ["C001"] = ["355", "1018", "649", "355", "1018", "649", "355", "1018", "649", "355", "1018", "649", "355", "1018", "649"],
        ["C002"] = ["704", "704", "704", "704", "704"],
        ["C003"] = ["235", "234", "1339", "1339", "1339", "1339", "352", "234"],
        ["C022"] = ["1270", "1271", "1250", "1251", "782", "380", "799", "1271", "1073"],
        ["C024"] = ["1362", "1362", "1362", "156", "26"],
        ["C035"] = ["1222", "559", "1073"],
        ["C040"] = ["128", "127", "128", "127", "128", "127"],
        ["C056"] = ["1109", "1270", "1271"],
    };

    public static void FillNotUsed(GuideLoop root, DataElementCatalog dataElements)
    {
        foreach (var (_, segment) in root.AllSegments())
        {
            foreach (var e in segment.Elements.Where(e => e.IsComposite && (e.Components is null || e.Components.Count == 0)))
            {
                if (!Components.TryGetValue(e.Composite!, out var numbers))
                {
                    throw new GuideSourceException($"{segment.Id} {e.Ref}: composite {e.Composite} has no components and is not in the catalogue.");
                }

                e.Components = numbers.Select((number, i) =>
                {
                    var d = dataElements.Get(number, $"{e.Ref} ({e.Composite})");
                    return new GuideElement
                    {
                        Ref = $"{e.Ref}-{i + 1:00}",
                        Name = d.Name,
                        Usage = "N",
                        DataElement = number,
                        Type = d.Type,
                        Min = d.Min,
                        Max = d.Max,
                    };
                }).ToList();
            }
        }
    }
}
