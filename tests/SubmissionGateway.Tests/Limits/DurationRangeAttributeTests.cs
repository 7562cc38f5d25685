using System.ComponentModel.DataAnnotations;
using Shouldly;
using SubmissionGateway.Access;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Tests.Limits;

public sealed class DurationRangeAttributeTests
{
    [Theory]
    [InlineData("00:00:00", true)]
    [InlineData("00:10:00", true)]
    [InlineData("00:00:15", true)]
    [InlineData("00:10:00.001", false)]
    [InlineData("-00:00:01", false)]
    public void A_duration_is_valid_only_between_its_bounds_inclusive(string duration, bool valid)
    {
        var options = new RevocationOptions { CacheDuration = TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture) };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBe(valid);

        if (!valid)
        {
            results.ShouldHaveSingleItem().ErrorMessage.ShouldBe("The field CacheDuration must be between 00:00:00 and 00:10:00.");
        }
    }

    [Fact]
    public void Many_hosts_validating_at_once_all_get_an_answer()
    {
        // RangeAttribute(typeof(TimeSpan), ...) converted its bounds lazily without a lock and could throw here.
        // One attribute shared by every thread, as the one on an options property is shared by every host of a process.
        var attribute = new DurationRangeAttribute("00:00:01", "01:00:00");
        var failures = 0;
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                attribute.IsValid(TimeSpan.FromSeconds(i % 7200)).ShouldBe(i % 7200 is >= 1 and <= 3600);
            }
            catch (InvalidCastException)
            {
                Interlocked.Increment(ref failures);
            }
        });

        failures.ShouldBe(0);
        new DurationRangeAttribute("00:00:01", "01:00:00").IsValid("not a duration").ShouldBeFalse();
        Should.Throw<FormatException>(() => new DurationRangeAttribute("soon", "01:00:00"));
    }
}
