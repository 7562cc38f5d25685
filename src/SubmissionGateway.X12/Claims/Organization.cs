namespace SubmissionGateway.X12.Claims;

/// <summary>A submitter, receiver, payer or provider named by an NM1 loop.</summary>
public sealed record Organization
{
    public string Name { get; init; } = string.Empty;

    /// <summary>NM108 identification code qualifier (46, 40, PI, XX…).</summary>
    public string? IdQualifier { get; init; }

    /// <summary>NM109: ETIN, payer id, or NPI for providers.</summary>
    public string? Id { get; init; }

    /// <summary>Tax identification number (REF*EI) for a billing provider.</summary>
    public string? TaxId { get; init; }

    public PostalAddress? Address { get; init; }

    /// <summary>NPI when the id qualifier is XX.</summary>
    public string? Npi => IdQualifier == "XX" ? Id : null;
}
