using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Output;

/// <summary>
/// Writes a guide in the format of schemas/x12/README.md. Byte-for-byte deterministic: fixed property order,
/// 2-space indentation, LF line ends, a trailing newline, and no escaping of characters such as apostrophes
/// that appear in guide names.
/// </summary>
public static class GuideJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToUtf8(GuideDocument guide)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("id", guide.Id);
            json.WriteString("transactionSet", guide.TransactionSet);
            json.WriteString("functionalGroup", guide.FunctionalGroup);
            json.WriteString("name", guide.Name);
            json.WriteStartArray("errata");
            foreach (var e in guide.Errata)
            {
                json.WriteStringValue(e);
            }

            json.WriteEndArray();
            json.WriteString("source", guide.Source);
            json.WritePropertyName("transaction");
            WriteLoop(json, guide.Transaction);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static string ToText(GuideDocument guide) => Encoding.UTF8.GetString(ToUtf8(guide));

    private static void WriteLoop(Utf8JsonWriter json, GuideLoop loop)
    {
        json.WriteStartObject();
        json.WriteString("type", "loop");
        json.WriteString("id", loop.Id);
        json.WriteString("name", loop.Name);
        json.WriteString("usage", loop.Usage);
        WriteCount(json, "repeat", loop.Repeat);
        json.WriteStartArray("children");
        foreach (var child in loop.Children)
        {
            switch (child)
            {
                case GuideLoop inner:
                    WriteLoop(json, inner);
                    break;
                case GuideSegment segment:
                    WriteSegment(json, segment);
                    break;
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSegment(Utf8JsonWriter json, GuideSegment segment)
    {
        json.WriteStartObject();
        json.WriteString("type", "segment");
        json.WriteString("id", segment.Id);
        json.WriteString("name", segment.Name);
        json.WriteString("usage", segment.Usage);
        WriteCount(json, "maxUse", segment.MaxUse);
        json.WriteStartArray("syntax");
        foreach (var s in segment.Syntax)
        {
            json.WriteStringValue(s);
        }

        json.WriteEndArray();
        json.WriteStartArray("elements");
        foreach (var e in segment.Elements)
        {
            WriteElement(json, e);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteElement(Utf8JsonWriter json, GuideElement e)
    {
        json.WriteStartObject();
        json.WriteString("ref", e.Ref);
        json.WriteString("name", e.Name);
        if (e.IsComposite)
        {
            json.WriteString("composite", e.Composite);
            json.WriteString("usage", e.Usage);
            if (e.Repeat != 1)
            {
                json.WriteNumber("repeat", e.Repeat);
            }

            if (e.Syntax is { Count: > 0 })
            {
                json.WriteStartArray("syntax");
                foreach (var s in e.Syntax)
                {
                    json.WriteStringValue(s);
                }

                json.WriteEndArray();
            }

            json.WriteStartArray("components");
            foreach (var c in e.Components ?? [])
            {
                WriteElement(json, c);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            return;
        }

        json.WriteString("dataElement", e.DataElement);
        json.WriteString("type", e.Type);
        json.WriteNumber("min", e.Min ?? 1);
        json.WriteNumber("max", e.Max ?? 1);
        json.WriteString("usage", e.Usage);
        if (e.Codes is { Count: > 0 })
        {
            json.WriteStartArray("codes");
            foreach (var c in e.Codes)
            {
                json.WriteStringValue(c);
            }

            json.WriteEndArray();
        }

        if (e.External is not null)
        {
            json.WriteString("external", e.External);
        }

        if (e.Pattern is not null)
        {
            json.WriteString("pattern", e.Pattern);
        }

        if (e.Repeat != 1)
        {
            json.WriteNumber("repeat", e.Repeat);
        }

        json.WriteEndObject();
    }

    private static void WriteCount(Utf8JsonWriter json, string name, int? count)
    {
        if (count is { } n)
        {
            json.WriteNumber(name, n);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
