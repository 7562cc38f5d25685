using System.Globalization;
using System.Xml.Linq;
using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>
/// Reads a pyx12 transaction map (both its v1 layout, with child elements, and its v2 layout, with attributes)
/// into our loop tree, rooted at the ST_LOOP.
/// </summary>
public sealed class Pyx12MapReader
{
    private readonly DataElementCatalog _dataElements;
    private readonly string _file;

    public Pyx12MapReader(DataElementCatalog dataElements, string file)
    {
        _dataElements = dataElements;
        _file = Path.GetFileName(file);
    }

    public GuideLoop ReadTransaction(XDocument map)
    {
        // The ISA_LOOP and GS_LOOP envelope levels are validated in code; the guide starts at ST.
        var st = map.Descendants("loop").FirstOrDefault(l => (string?)l.Attribute("xid") == "ST_LOOP")
            ?? throw new GuideSourceException($"{_file}: no ST_LOOP.");
        var loop = ReadLoop(st, "ST_LOOP");
        loop.Repeat = 1; // one ST…SE body per guide instance; the envelope repeats it
        return loop;
    }

    private GuideLoop ReadLoop(XElement x, string path)
    {
        var loop = new GuideLoop
        {
            Id = Attr(x, "xid", path),
            Name = Value(x, "name", path),
            Usage = Value(x, "usage", path),
            Repeat = Count(Value(x, "repeat", path), path),
        };
        loop.Children.AddRange(ReadChildren(x, path));
        return loop;
    }

    private IEnumerable<GuideNode> ReadChildren(XElement x, string path)
    {
        foreach (var child in x.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "segment":
                    yield return ReadSegment(child, path);
                    break;
                case "loop" when (string?)child.Attribute("type") == "wrapper":
                    // HEADER/DETAIL/FOOTER only group tables; their children belong to the parent loop.
                    foreach (var inner in ReadChildren(child, path))
                    {
                        yield return inner;
                    }

                    break;
                case "loop":
                    var id = Attr(child, "xid", path);
                    yield return ReadLoop(child, $"{path}/{id}");
                    break;
            }
        }
    }

    private GuideSegment ReadSegment(XElement x, string loopPath)
    {
        var id = Attr(x, "xid", loopPath);
        var path = $"{loopPath}/{id}";
        var segment = new GuideSegment
        {
            Id = id,
            Name = Value(x, "name", path),
            Usage = Value(x, "usage", path),
            MaxUse = Count(Value(x, "max_use", path), path),
        };
        segment.Syntax.AddRange(x.Elements("syntax").Select(s => s.Value.Trim()));
        foreach (var e in x.Elements())
        {
            if (e.Name.LocalName is not ("element" or "composite"))
            {
                continue;
            }

            // Our format has no explicit position: it is the index. A gap in pyx12's seq would shift everything.
            var seq = OptionalInt(e, "seq") ?? throw new GuideSourceException($"{_file} {path}: an element has no seq.");
            if (seq != segment.Elements.Count + 1)
            {
                throw new GuideSourceException($"{_file} {path}: element seq {seq} follows position {segment.Elements.Count}.");
            }

            segment.Elements.Add(e.Name.LocalName is "element"
                ? ReadSimple(e, path, id)
                : ReadComposite(e, path, id));
        }

        return segment;
    }

    private GuideElement ReadSimple(XElement x, string segmentPath, string referencePrefix)
    {
        var reference = Reference(x, referencePrefix, segmentPath);
        var context = $"{_file} {segmentPath}/{reference}";
        var number = Value(x, "data_ele", context);
        var definition = _dataElements.Get(number, context);
        var element = new GuideElement
        {
            Ref = reference,
            Name = Value(x, "name", context),
            Usage = Value(x, "usage", context),
            DataElement = number,
            Type = definition.Type,
            Min = definition.Min,
            Max = definition.Max,
            Repeat = OptionalInt(x, "repeat") ?? 1,
        };
        var codes = x.Element("valid_codes");
        if (codes is not null)
        {
            element.External = (string?)codes.Attribute("external");
            var values = codes.Elements("code").Select(c => c.Value.Trim()).ToList();
            if (values.Count > 0)
            {
                element.Codes = values;
            }
        }

        var regex = x.Element("regex")?.Value.Trim();
        if (!string.IsNullOrEmpty(regex))
        {
            element.Pattern = regex;
        }

        return element;
    }

    private GuideElement ReadComposite(XElement x, string segmentPath, string segmentId)
    {
        var reference = Reference(x, segmentId, segmentPath);
        var context = $"{_file} {segmentPath}/{reference}";
        return new GuideElement
        {
            Ref = reference,
            Name = Value(x, "name", context),
            Usage = Value(x, "usage", context),
            Composite = Value(x, "data_ele", context),
            Repeat = OptionalInt(x, "repeat") ?? 1,
            Components = x.Elements("element").Select(c => ReadSimple(c, $"{segmentPath}/{reference}", $"{reference}-")).ToList(),
            Syntax = x.Elements("syntax").Select(s => s.Value.Trim()).ToList() is { Count: > 0 } notes ? notes : null,
        };
    }

    // A few pyx12 composites (999 CTX) carry no xid; the X12 reference is the segment id and the position.
    private string Reference(XElement x, string prefix, string context) =>
        (string?)x.Attribute("xid")
        ?? (OptionalInt(x, "seq") is { } seq
            ? $"{prefix}{seq:00}"
            : throw new GuideSourceException($"{_file} {context}: <{x.Name}> has neither xid nor seq."));

    private int? OptionalInt(XElement x, string name)
    {
        var text = ((string?)x.Attribute(name) ?? x.Element(name)?.Value)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new GuideSourceException($"{_file}: <{x.Name}> {(string?)x.Attribute("xid")} has {name} '{text}', not a number.");
    }

    private int? Count(string text, string context) =>
        text == ">1" ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new GuideSourceException($"{_file} {context}: '{text}' is not a repeat count.");

    private string Attr(XElement x, string name, string context) =>
        (string?)x.Attribute(name) ?? throw new GuideSourceException($"{_file} {context}: <{x.Name}> has no {name}.");

    // v1 maps spell properties as child elements, v2 maps as attributes.
    private string Value(XElement x, string name, string context) =>
        ((string?)x.Attribute(name) ?? x.Element(name)?.Value)?.Trim()
        ?? throw new GuideSourceException($"{_file} {context}: <{x.Name}> has no {name}.");
}
