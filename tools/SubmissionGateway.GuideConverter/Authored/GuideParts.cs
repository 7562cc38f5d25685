using SubmissionGateway.GuideConverter.Model;
using SubmissionGateway.GuideConverter.Pyx12;

namespace SubmissionGateway.GuideConverter.Authored;

/// <summary>
/// The compact C# form the hand-authored guides are written in. Elements are listed in position order and
/// their references (NM101, SV301-02) are derived, so a guide reads like the guide's own segment tables:
/// data element number, name, usage, allowed codes. Type and length always come from the X12 dictionary.
/// </summary>
public sealed class GuideParts
{
    private readonly DataElementCatalog _dataElements;

    public GuideParts(DataElementCatalog dataElements) => _dataElements = dataElements;

    /// <summary>A simple element: data element number, guide name, usage, allowed codes.</summary>
    public static ElementSpec E(string dataElement, string name, string usage, params string[] codes) =>
        new(dataElement, name, usage, codes, null, null);

    /// <summary>A simple element whose values come from an external code set.</summary>
    public static ElementSpec X(string dataElement, string name, string usage, string external) =>
        new(dataElement, name, usage, [], external, null);

    /// <summary>A not-used simple element (kept so positions stay right).</summary>
    public static ElementSpec N(string dataElement, string name) => new(dataElement, name, "N", [], null, null);

    public static ElementSpec C(string composite, string name, string usage, params ElementSpec[] components) =>
        new(composite, name, usage, [], null, components);

    public GuideSegment Segment(string id, string name, string usage, int? maxUse, string[] syntax, params ElementSpec[] elements)
    {
        var segment = new GuideSegment { Id = id, Name = name, Usage = usage, MaxUse = maxUse };
        segment.Syntax.AddRange(syntax);
        for (var i = 0; i < elements.Length; i++)
        {
            segment.Elements.Add(Build(elements[i], $"{id}{i + 1:00}", $"{id} '{name}'"));
        }

        return segment;
    }

    public static GuideLoop Loop(string id, string name, string usage, int? repeat, params GuideNode[] children)
    {
        var loop = new GuideLoop { Id = id, Name = name, Usage = usage, Repeat = repeat };
        loop.Children.AddRange(children);
        return loop;
    }

    /// <summary>REF as the 5010 health care guides use it: qualifier, identifier, REF03/REF04 not used.</summary>
    public GuideSegment Ref(string name, string usage, int maxUse, string identifierName, params string[] qualifiers) =>
        Segment("REF", name, usage, maxUse, ["R0203"],
            E("128", "Reference Identification Qualifier", "R", qualifiers),
            E("127", identifierName, "R"),
            N("352", "Description"),
            C("C040", "Reference Identifier", "N"));

    /// <summary>DTP: qualifier, format(s), date or range.</summary>
    public GuideSegment Dtp(string name, string usage, string qualifier, string dateName, params string[] formats) =>
        Segment("DTP", name, usage, 1, [],
            E("374", "Date Time Qualifier", "R", qualifier),
            E("1250", "Date Time Period Format Qualifier", "R", formats),
            E("1251", dateName, "R"));

    private GuideElement Build(ElementSpec spec, string reference, string context)
    {
        if (spec.Components is { } components)
        {
            return new GuideElement
            {
                Ref = reference,
                Name = spec.Name,
                Usage = spec.Usage,
                Composite = spec.Number,
                Components = components.Select((c, i) => Build(c, $"{reference}-{i + 1:00}", context)).ToList(),
            };
        }

        var d = _dataElements.TryGet(spec.Number, out var known)
            ? known
            : SupplementalDataElements.All.TryGetValue(spec.Number, out var supplemental)
                ? supplemental
                : throw new GuideSourceException($"{context} {reference}: data element {spec.Number} is in neither dictionary.");
        return new GuideElement
        {
            Ref = reference,
            Name = spec.Name,
            Usage = spec.Usage,
            DataElement = d.Number,
            Type = d.Type,
            Min = d.Min,
            Max = d.Max,
            Codes = spec.Codes.Count > 0 ? [.. spec.Codes] : null,
            External = spec.External,
        };
    }
}
