namespace SubmissionGateway.Disclosures;

/// <summary>
/// A reporting period of whole UTC days, <see cref="From"/> through <see cref="To"/>, as the instants a query compares
/// with: from the first day's midnight up to, not including, the midnight after the last day.
/// </summary>
public readonly record struct WholeDays(DateOnly From, DateOnly To)
{
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The midnight after <see cref="To"/>. The last day a date can name has none: that period runs to the end of time.</summary>
    public DateTimeOffset EndExclusive => To == DateOnly.MaxValue
        ? DateTimeOffset.MaxValue
        : new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
