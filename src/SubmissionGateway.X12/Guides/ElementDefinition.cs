using System.Text.RegularExpressions;

namespace SubmissionGateway.X12.Guides;

/// <summary>A simple or composite element at one position of a segment, as the guide defines it.</summary>
public sealed class ElementDefinition
{
    internal ElementDefinition(
        int position, string reference, string name, Usage usage, string? dataElement, X12DataType type, int impliedDecimals,
        int minLength, int maxLength, CodeList? codes, string? externalCodeSet, Regex? pattern, int maxRepeat,
        string? compositeId, IReadOnlyList<ElementDefinition>? components)
    {
        Position = position;
        Reference = reference;
        Name = name;
        Usage = usage;
        DataElement = dataElement;
        Type = type;
        ImpliedDecimals = impliedDecimals;
        MinLength = minLength;
        MaxLength = maxLength;
        Codes = codes;
        ExternalCodeSet = externalCodeSet;
        Pattern = pattern;
        MaxRepeat = maxRepeat;
        CompositeId = compositeId;
        ComponentArray = components is null ? [] : [.. components];
        Components = ComponentArray;
        IsComposite = compositeId is not null;
    }

    /// <summary>1-based position in the segment (or in the composite, for a component).</summary>
    public int Position { get; }

    /// <summary>The guide's reference designator: NM101, CLM05-01.</summary>
    public string Reference { get; }

    public string Name { get; }

    public Usage Usage { get; }

    /// <summary>The X12 data element number (98, 1065), or null for a composite.</summary>
    public string? DataElement { get; }

    public X12DataType Type { get; }

    /// <summary>For Nn types, the n.</summary>
    public int ImpliedDecimals { get; }

    public int MinLength { get; }

    public int MaxLength { get; }

    /// <summary>The code values the guide allows, when it lists them.</summary>
    public CodeList? Codes { get; }

    /// <summary>The name of an external code set the values come from (checked at SNIP 5).</summary>
    public string? ExternalCodeSet { get; }

    public Regex? Pattern { get; }

    public int MaxRepeat { get; }

    /// <summary>The composite's id (C023) when the element is a composite.</summary>
    public string? CompositeId { get; }

    public IReadOnlyList<ElementDefinition> Components { get; }

    /// <summary>The components as an array, for the per-element checks (no interface dispatch).</summary>
    internal ElementDefinition[] ComponentArray { get; }

    public bool IsComposite { get; }
}
