using Microsoft.Extensions.Options;

namespace SubmissionGateway.AttachmentRequests;

internal sealed class AttachmentRequestOptionsValidator : IValidateOptions<AttachmentRequestOptions>
{
    public ValidateOptionsResult Validate(string? name, AttachmentRequestOptions options)
    {
        var failures = new List<string>();
        foreach (var (payer, scope) in options.Payers.Prepend(new("default", options.Default)))
        {
            if (scope.MaxDocumentBytes < RequestScopeDefaults.CoreMinimumBytes || scope.MaxTotalBytes < scope.MaxDocumentBytes)
            {
                failures.Add($"AttachmentRequests ({payer}): MaxDocumentBytes must be at least {RequestScopeDefaults.CoreMinimumBytes} (CAQH CORE) and MaxTotalBytes at least MaxDocumentBytes.");
            }

            if (scope.AllowedFormats == DocumentFormats.None || scope.Lifetime <= TimeSpan.Zero)
            {
                failures.Add($"AttachmentRequests ({payer}): at least one format and a positive lifetime are required.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.SubmitterId) || options.SubmitterId.Length > 15 || string.IsNullOrWhiteSpace(options.SubmitterName))
        {
            failures.Add("AttachmentRequests: SubmitterId (1-15 characters) and SubmitterName are required.");
        }

        if (string.IsNullOrWhiteSpace(options.ProviderName) || options.ProviderNpi.Length != 10)
        {
            failures.Add("AttachmentRequests: ProviderName and a 10-digit ProviderNpi are required.");
        }

        if (options.UsageIndicator is not ("P" or "T"))
        {
            failures.Add("AttachmentRequests: UsageIndicator must be P or T.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
