using Microsoft.Extensions.Options;

namespace SubmissionGateway.Protection;

/// <summary>The rules between settings that data annotations cannot express; checked at start-up.</summary>
public sealed class ProtectionOptionsValidator : IValidateOptions<ProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.KeyProvider == KeyProviderKind.KeyVaultSecret)
        {
            if (options.KeyVault.VaultUri is not { IsAbsoluteUri: true, Scheme: "https" })
            {
                failures.Add("Protection:KeyVault:VaultUri must be an https URI when Protection:KeyProvider is KeyVaultSecret.");
            }

            if (string.IsNullOrWhiteSpace(options.KeyVault.SecretName))
            {
                failures.Add("Protection:KeyVault:SecretName is required when Protection:KeyProvider is KeyVaultSecret.");
            }
        }

        if (options.AttachmentStore == AttachmentStoreKind.AzureBlob)
        {
            if (string.IsNullOrWhiteSpace(options.AzureBlob.ConnectionString) && options.AzureBlob.ServiceUri is null)
            {
                failures.Add("Protection:AzureBlob needs a ConnectionString or a ServiceUri when Protection:AttachmentStore is AzureBlob.");
            }

            if (options.AzureBlob.ServiceUri is { } uri && uri.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add("Protection:AzureBlob:ServiceUri must be https.");
            }

            if (string.IsNullOrWhiteSpace(options.AzureBlob.ContainerName))
            {
                failures.Add("Protection:AzureBlob:ContainerName is required.");
            }
        }

        if (!Enum.IsDefined(options.KeyProvider))
        {
            failures.Add($"Protection:KeyProvider '{options.KeyProvider}' is not LocalFile or KeyVaultSecret.");
        }

        if (!Enum.IsDefined(options.AttachmentStore))
        {
            failures.Add($"Protection:AttachmentStore '{options.AttachmentStore}' is not FileSystem or AzureBlob.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
