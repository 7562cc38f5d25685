namespace SubmissionGateway.GuideConverter.Model;

/// <summary>
/// One element position of a segment: a simple element, or a composite when <see cref="Composite"/> is set.
/// </summary>
public sealed class GuideElement
{
    public required string Ref { get; set; }
    public required string Name { get; set; }
    public required string Usage { get; set; }

    public string? DataElement { get; set; }
    public string? Type { get; set; }
    public int? Min { get; set; }
    public int? Max { get; set; }
    public List<string>? Codes { get; set; }
    public string? External { get; set; }
    public string? Pattern { get; set; }

    /// <summary>How often the element may repeat (repetition separator); 1 is written as absent.</summary>
    public int Repeat { get; set; } = 1;

    public string? Composite { get; set; }
    public List<GuideElement>? Components { get; set; }

    /// <summary>Syntax notes inside a composite; positions are component positions.</summary>
    public List<string>? Syntax { get; set; }

    public bool IsComposite => Composite is not null;

    public GuideElement Clone()
    {
        var copy = (GuideElement)MemberwiseClone();
        copy.Codes = Codes is null ? null : [.. Codes];
        copy.Components = Components?.Select(c => c.Clone()).ToList();
        copy.Syntax = Syntax is null ? null : [.. Syntax];
        return copy;
    }
}
