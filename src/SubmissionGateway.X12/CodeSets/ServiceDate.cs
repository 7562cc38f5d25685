namespace SubmissionGateway.X12.CodeSets;

/// <summary>A date of service may not lie in the future.</summary>
public static class ServiceDate
{
    /// <summary><see cref="CodeCheckResult.FutureDate"/> when <paramref name="dateOfService"/> is after <paramref name="today"/>.</summary>
    public static CodeCheckResult Check(DateOnly dateOfService, DateOnly today) =>
        dateOfService > today ? CodeCheckResult.FutureDate : CodeCheckResult.Valid;

    /// <summary>The same against the local date of <paramref name="timeProvider"/> (the gateway's calendar day).</summary>
    public static CodeCheckResult Check(DateOnly dateOfService, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Check(dateOfService, DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime));
    }
}
