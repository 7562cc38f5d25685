using Microsoft.Extensions.Options;

namespace SubmissionGateway.Disclosures;

/// <summary>Checks at start-up that the chosen tree-head archive is fully described, so a misconfiguration never waits for the first head.</summary>
internal sealed class DisclosureLedgerOptionsValidator : IValidateOptions<DisclosureLedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, DisclosureLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.TreeHeadArchive)
        {
            case TreeHeadArchiveKind.FileSystem when string.IsNullOrWhiteSpace(options.TreeHeadDirectory):
                return ValidateOptionsResult.Fail("Disclosures:TreeHeadDirectory is required when the tree-head archive is FileSystem.");
            case TreeHeadArchiveKind.AzureBlob:
                var blob = options.TreeHeadBlob;
                if (string.IsNullOrWhiteSpace(blob.ConnectionString) && blob.ServiceUri is null)
                {
                    return ValidateOptionsResult.Fail("Disclosures:TreeHeadBlob needs a ConnectionString or a ServiceUri when the tree-head archive is AzureBlob.");
                }

                if (blob.ServiceUri is { } uri && string.IsNullOrWhiteSpace(blob.ConnectionString) && uri.Scheme != Uri.UriSchemeHttps)
                {
                    return ValidateOptionsResult.Fail("Disclosures:TreeHeadBlob:ServiceUri must be https.");
                }

                if (!IsContainerName(blob.ContainerName))
                {
                    return ValidateOptionsResult.Fail(
                        $"Disclosures:TreeHeadBlob:ContainerName '{blob.ContainerName}' is not a blob container name (3-63 lower-case letters, digits and single dashes).");
                }

                break;
            case TreeHeadArchiveKind.FileSystem:
                break;
            default:
                return ValidateOptionsResult.Fail($"Disclosures:TreeHeadArchive '{options.TreeHeadArchive}' is not FileSystem or AzureBlob.");
        }

        return ValidateOptionsResult.Success;
    }

    private static bool IsContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && !name.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-")
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);
}
