namespace SubmissionGateway.X12.Claims;

/// <summary>A subscriber or patient as the claim names them.</summary>
public sealed record Person
{
    public string LastName { get; init; } = string.Empty;

    public string? FirstName { get; init; }

    public string? MiddleName { get; init; }

    /// <summary>Member identification number (NM109 with MI/II).</summary>
    public string? MemberId { get; init; }

    public DateOnly? BirthDate { get; init; }

    /// <summary>DMG03: F, M, U.</summary>
    public string? Gender { get; init; }

    public PostalAddress? Address { get; init; }
}
