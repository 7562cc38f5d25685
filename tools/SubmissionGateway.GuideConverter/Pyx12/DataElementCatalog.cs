using System.Xml.Linq;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>pyx12's dataele.xml: the X12 dictionary's type and length of every simple data element.</summary>
public sealed class DataElementCatalog
{
    private readonly Dictionary<string, DataElementDefinition> _byNumber;

    private DataElementCatalog(Dictionary<string, DataElementDefinition> byNumber) => _byNumber = byNumber;

    public static DataElementCatalog Load(string path)
    {
        var root = XDocument.Load(path).Root ?? throw new GuideSourceException($"{path} is empty.");
        var byNumber = new Dictionary<string, DataElementDefinition>(StringComparer.Ordinal);
        foreach (var e in root.Elements("data_ele"))
        {
            var number = (string?)e.Attribute("ele_num") ?? throw new GuideSourceException($"{path}: a data_ele has no ele_num.");
            byNumber[number] = new DataElementDefinition(
                number,
                (string?)e.Attribute("data_type") ?? "AN",
                (int?)e.Attribute("min_len") ?? 1,
                (int?)e.Attribute("max_len") ?? 1,
                (string?)e.Attribute("name") ?? number);
        }

        return new DataElementCatalog(byNumber);
    }

    public bool TryGet(string number, out DataElementDefinition definition) =>
        _byNumber.TryGetValue(number, out definition!);

    public DataElementDefinition Get(string number, string context) =>
        _byNumber.TryGetValue(number, out var d)
            ? d
            : throw new GuideSourceException($"{context}: data element {number} is not in dataele.xml.");
}
