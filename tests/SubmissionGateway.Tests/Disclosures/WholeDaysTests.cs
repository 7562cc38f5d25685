using Shouldly;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Tests.Disclosures;

public sealed class WholeDaysTests
{
    [Fact]
    public void A_period_runs_from_its_first_midnight_to_the_midnight_after_its_last_day()
    {
        var period = new WholeDays(new DateOnly(2026, 2, 27), new DateOnly(2026, 2, 28));

        period.Start.ShouldBe(new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero));
        period.EndExclusive.ShouldBe(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_period_ending_on_the_last_day_a_date_can_name_runs_to_the_end_of_time()
    {
        var period = new WholeDays(DateOnly.MinValue, DateOnly.MaxValue);

        period.Start.ShouldBe(DateTimeOffset.MinValue);
        period.EndExclusive.ShouldBe(DateTimeOffset.MaxValue);
    }
}
