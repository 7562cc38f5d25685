namespace SubmissionGateway.X12.CodeSets;

/// <summary>What one loaded code set is, where it came from and for which dates of service it answers.</summary>
/// <param name="Kind">The code set.</param>
/// <param name="Name">A name a biller reads, e.g. "ICD-10-CM FY2025".</param>
/// <param name="SourceFile">The file it was compiled from (file name only), or the built-in list's name.</param>
/// <param name="SourceSha256">Lower-case hex SHA-256 of the source file.</param>
/// <param name="EffectiveFrom">First date of service the set answers for, or null when open.</param>
/// <param name="EffectiveTo">Last date of service the set answers for, or null when open.</param>
/// <param name="Count">Number of codes (headers and modifiers included).</param>
/// <param name="BuiltIn">True for the small lists shipped inside the library.</param>
/// <param name="CompiledAt">When it was imported; null for built-in lists.</param>
public sealed record CodeSetInfo(
    CodeSetKind Kind,
    string Name,
    string SourceFile,
    string SourceSha256,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo,
    int Count,
    bool BuiltIn,
    DateTimeOffset? CompiledAt)
{
    /// <summary>True when <paramref name="dateOfService"/> falls inside the set's effective range.</summary>
    public bool Covers(DateOnly dateOfService) =>
        (EffectiveFrom is not { } from || dateOfService >= from) && (EffectiveTo is not { } to || dateOfService <= to);
}
