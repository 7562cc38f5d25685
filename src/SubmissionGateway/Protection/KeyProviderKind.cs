namespace SubmissionGateway.Protection;

/// <summary>Where the key-encryption key versions live.</summary>
public enum KeyProviderKind
{
    /// <summary>A key file in the data folder, owner-only (the embedded default).</summary>
    LocalFile,

    /// <summary>Versions of an Azure Key Vault secret.</summary>
    KeyVaultSecret,
}
