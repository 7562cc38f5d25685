namespace SubmissionGateway.X12.CodeSets;

/// <summary>A code set's description together with its lookup table.</summary>
internal sealed class CompiledCodeSet(CodeSetInfo info, CodeTable table)
{
    public CodeSetInfo Info { get; } = info;

    public CodeTable Table { get; } = table;

    /// <summary>The first and last day (DayNumber) the set answers for, precomputed for the hot path.</summary>
    public int FromDay { get; } = info.EffectiveFrom?.DayNumber ?? int.MinValue;

    public int ToDay { get; } = info.EffectiveTo?.DayNumber ?? int.MaxValue;

    public bool CoversDay(int day) => day >= FromDay && day <= ToDay;
}
