using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SubmissionGateway.X12.Guides;

/// <summary>Reads an implementation guide from the JSON format of schemas/x12 (see its README).</summary>
public static class GuideLoader
{
    public static ImplementationGuide Load(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return Load(document.RootElement);
    }

    public static ImplementationGuide Load(JsonElement root)
    {
        var id = RequiredString(root, "id", "guide");
        try
        {
            var transaction = ReadLoop(root.GetProperty("transaction"));
            var errata = root.TryGetProperty("errata", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => x.GetString() ?? string.Empty).Where(x => x.Length > 0).ToArray()
                : [];
            return new ImplementationGuide(
                id,
                RequiredString(root, "transactionSet", id),
                RequiredString(root, "functionalGroup", id),
                OptionalString(root, "name") ?? id,
                errata,
                OptionalString(root, "source") ?? string.Empty,
                transaction);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"Implementation guide {id} is malformed: {ex.Message}", ex);
        }
    }

    private static GuideNode ReadNode(JsonElement node) => RequiredString(node, "type", "node") switch
    {
        "loop" => ReadLoop(node),
        "segment" => ReadSegment(node),
        var other => throw new FormatException($"Unknown node type '{other}'."),
    };

    private static LoopDefinition ReadLoop(JsonElement node)
    {
        var id = RequiredString(node, "id", "loop");
        var children = node.GetProperty("children").EnumerateArray().Select(ReadNode).ToArray();
        return new LoopDefinition(id, OptionalString(node, "name") ?? id, ReadUsage(node), ReadMax(node, "repeat"), children);
    }

    private static SegmentDefinition ReadSegment(JsonElement node)
    {
        var id = RequiredString(node, "id", "segment");
        var elements = new List<ElementDefinition>();
        if (node.TryGetProperty("elements", out var list))
        {
            var position = 1;
            foreach (var element in list.EnumerateArray())
            {
                elements.Add(ReadElement(element, position++));
            }
        }

        var rules = node.TryGetProperty("syntax", out var syntax)
            ? syntax.EnumerateArray().Select(s => SyntaxRule.Parse(s.GetString() ?? string.Empty)).ToArray()
            : [];
        return new SegmentDefinition(id, OptionalString(node, "name") ?? id, ReadUsage(node), ReadMax(node, "maxUse"), elements, rules);
    }

    private static ElementDefinition ReadElement(JsonElement node, int position)
    {
        var reference = OptionalString(node, "ref") ?? position.ToString("00", CultureInfo.InvariantCulture);
        var name = OptionalString(node, "name") ?? reference;
        var usage = ReadUsage(node);
        var repeat = node.TryGetProperty("repeat", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() :
            node.TryGetProperty("repeat", out r) && r.ValueKind == JsonValueKind.Null ? int.MaxValue : 1;
        if (node.TryGetProperty("components", out var components))
        {
            var parts = new List<ElementDefinition>();
            var componentPosition = 1;
            foreach (var component in components.EnumerateArray())
            {
                parts.Add(ReadElement(component, componentPosition++));
            }

            return new ElementDefinition(position, reference, name, usage, null, X12DataType.String, 0, 0, 0, null, null, null,
                repeat, OptionalString(node, "composite") ?? "C000", parts);
        }

        var typeCode = OptionalString(node, "type") ?? "AN";
        var (type, decimals) = ParseType(typeCode);
        var codes = node.TryGetProperty("codes", out var c) && c.ValueKind == JsonValueKind.Array && c.GetArrayLength() > 0
            ? new CodeList(c.EnumerateArray().Select(x => x.GetString() ?? string.Empty))
            : null;
        var patternText = OptionalString(node, "pattern");
        var pattern = patternText is null
            ? null
            : new Regex("^(?:" + patternText + ")$", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(50));
        var min = node.TryGetProperty("min", out var mn) ? mn.GetInt32() : 1;
        var max = node.TryGetProperty("max", out var mx) ? mx.GetInt32() : int.MaxValue;
        return new ElementDefinition(position, reference, name, usage, OptionalString(node, "dataElement"), type, decimals, min, max,
            codes, OptionalString(node, "external"), pattern, repeat, null, null);
    }

    private static (X12DataType Type, int Decimals) ParseType(string code) => code switch
    {
        "AN" => (X12DataType.String, 0),
        "ID" => (X12DataType.Identifier, 0),
        "DT" => (X12DataType.Date, 0),
        "TM" => (X12DataType.Time, 0),
        "R" => (X12DataType.Decimal, 0),
        "B" => (X12DataType.Binary, 0),
        "N" => (X12DataType.Numeric, 0),
        ['N', var d] when d is >= '0' and <= '9' => (X12DataType.Numeric, d - '0'),
        _ => throw new FormatException($"Unknown data type '{code}'."),
    };

    private static Usage ReadUsage(JsonElement node) => (OptionalString(node, "usage") ?? "R") switch
    {
        "R" => Usage.Required,
        "S" => Usage.Situational,
        "N" => Usage.NotUsed,
        var other => throw new FormatException($"Unknown usage '{other}'."),
    };

    private static int ReadMax(JsonElement node, string property)
    {
        if (!node.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return node.TryGetProperty(property, out _) ? int.MaxValue : 1;
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetInt32() : int.MaxValue;
    }

    private static string RequiredString(JsonElement node, string property, string what) =>
        OptionalString(node, property) ?? throw new FormatException($"The {what} has no '{property}'.");

    private static string? OptionalString(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
