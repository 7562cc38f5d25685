namespace SubmissionGateway.Protection;

/// <summary>Configuration section <c>Protection:KeyVault</c>, used when <see cref="ProtectionOptions.KeyProvider"/> is KeyVaultSecret.</summary>
public sealed class KeyVaultSecretOptions
{
    /// <summary>The vault, e.g. https://sgw-prod.vault.azure.net/ (https only).</summary>
    public Uri? VaultUri { get; set; }

    /// <summary>The secret whose versions are the key-encryption key versions.</summary>
    public string SecretName { get; set; } = "sgw-attachment-kek";

    /// <summary>How long the current key version is reused before the vault is asked again.</summary>
    public TimeSpan CurrentVersionLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
