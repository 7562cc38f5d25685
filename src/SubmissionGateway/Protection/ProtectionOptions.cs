using System.ComponentModel.DataAnnotations;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Protection;

/// <summary>Configuration section <c>Protection</c>: where payloads and keys live and how long payloads are kept.</summary>
public sealed class ProtectionOptions
{
    public const string SectionName = "Protection";

    /// <summary>The data folder of the embedded default (attachments, key file).</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    public KeyProviderKind KeyProvider { get; set; } = KeyProviderKind.LocalFile;

    /// <summary>The local key file; defaults to <c>{DataFolder}/keys/kek.json</c>.</summary>
    public string? KeyFile { get; set; }

    public KeyVaultSecretOptions KeyVault { get; set; } = new();

    public AttachmentStoreKind AttachmentStore { get; set; } = AttachmentStoreKind.FileSystem;

    public AzureBlobStoreOptions AzureBlob { get; set; } = new();

    /// <summary>Days a payload is kept after its delivery finished; then it is crypto-shredded.</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the retention sweep runs.</summary>
    [DurationRange("00:01:00", "7.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    public string ResolveKeyFile() => KeyFile ?? Path.Combine(DataFolder, "keys", "kek.json");
}
