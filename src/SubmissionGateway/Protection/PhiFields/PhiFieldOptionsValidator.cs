using Microsoft.Extensions.Options;

namespace SubmissionGateway.Protection.PhiFields;

/// <summary>Refuses start-up with missing, short or shared keys.</summary>
internal sealed class PhiFieldOptionsValidator : IValidateOptions<PhiFieldOptions>
{
    public ValidateOptionsResult Validate(string? name, PhiFieldOptions options)
    {
        var failures = new List<string>();
        if (!options.EncryptionKeys.TryGetValue(options.ActiveKeyId, out var active))
        {
            failures.Add($"PhiFields: the active key '{options.ActiveKeyId}' is not among the encryption keys.");
        }
        else if (active.Length != 32)
        {
            failures.Add("PhiFields: the active encryption key must be 32 bytes (AES-256).");
        }

        foreach (var (id, key) in options.EncryptionKeys)
        {
            if (key.Length != 32)
            {
                failures.Add($"PhiFields: encryption key '{id}' must be 32 bytes.");
            }
            else if (options.BlindIndexKey.AsSpan().SequenceEqual(key))
            {
                failures.Add($"PhiFields: the blind-index key must differ from encryption key '{id}'.");
            }
        }

        if (options.BlindIndexKey.Length < 32)
        {
            failures.Add("PhiFields: the blind-index key must be at least 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
