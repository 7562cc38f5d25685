using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace SubmissionGateway.Limits;

/// <summary>
/// A duration setting between two bounds, inclusive. Used instead of <c>[Range(typeof(TimeSpan), …)]</c>: that attribute
/// converts its string bounds on first use without a lock, and two hosts validating their options at the same moment
/// race on the shared attribute (an InvalidCastException at start-up, seen when test hosts started side by side). These
/// bounds are parsed once, when the attribute is made.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class DurationRangeAttribute : ValidationAttribute
{
    public DurationRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    public override bool IsValid(object? value) => value is null || (value is TimeSpan duration && duration >= Minimum && duration <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Minimum, Maximum);
}
