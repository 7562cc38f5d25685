using Microsoft.Extensions.Options;

namespace SubmissionGateway.Forwarding;

/// <summary>
/// The relations the resilience pipeline insists on, checked at start-up rather than on the first delivery:
/// the breaker must sample at least two attempts' worth of time, and the budget must outlast one attempt.
/// </summary>
internal sealed class ForwardingOptionsValidator : IValidateOptions<ForwardingOptions>
{
    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        var failures = new List<string>();
        if (options.BreakSamplingDuration < options.AttemptTimeout * 2)
        {
            failures.Add("Forwarding: BreakSamplingDuration must be at least twice AttemptTimeout.");
        }

        if (options.TotalBudget <= options.AttemptTimeout)
        {
            failures.Add("Forwarding: TotalBudget must be longer than AttemptTimeout.");
        }

        if (string.IsNullOrWhiteSpace(options.WorkerId))
        {
            failures.Add("Forwarding: WorkerId is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
