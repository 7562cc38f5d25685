namespace SubmissionGateway.X12.Claims;

/// <summary>A 2400 service line.</summary>
public sealed class ServiceLine
{
    private List<LineAdjudication>? _adjudications;

    /// <summary>LX01.</summary>
    public int Number { get; internal set; }

    /// <summary>Product/service id qualifier (HC for HCPCS/CPT, AD for dental (ADA), NU for revenue-only…).</summary>
    public string? ProcedureQualifier { get; internal set; }

    public string? ProcedureCode { get; internal set; }

    public IReadOnlyList<string> Modifiers { get; internal set; } = [];

    /// <summary>837I revenue code (SV201).</summary>
    public string? RevenueCode { get; internal set; }

    public decimal Charge { get; internal set; }

    public decimal? Units { get; internal set; }

    public DateOnly? ServiceDateFrom { get; internal set; }

    public DateOnly? ServiceDateTo { get; internal set; }

    /// <summary>2420A rendering provider of this line, when sent.</summary>
    public Organization? RenderingProvider { get; internal set; }

    /// <summary>Other payers' adjudications of this line (2430).</summary>
    public List<LineAdjudication> Adjudications => _adjudications ??= [];

    internal List<LineAdjudication>? AdjudicationsIfAny => _adjudications;

    /// <summary>Byte offset of the LX segment.</summary>
    public long Offset { get; internal set; }
}
