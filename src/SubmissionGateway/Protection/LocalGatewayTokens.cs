namespace SubmissionGateway.Protection;

/// <summary>
/// The facts the embedded gateway and <c>sgw dev-token</c> must agree on: where the gateway keeps its data by default,
/// and the local key, issuer and audience of development tokens. One place, so the two cannot drift apart.
/// </summary>
public static class LocalGatewayTokens
{
    /// <summary>The local signing key's file name under <c>{DataFolder}/keys</c>.</summary>
    public const string KeyFileName = "api-token-signing.key";

    public const string Issuer = "sgw-local";

    public const string Audience = "submission-gateway";

    /// <summary>The gateway's data folder when none is configured: per user, never the working directory.</summary>
    public static string DefaultDataFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "SubmissionGateway");

    /// <summary>The local signing key's path in a data folder.</summary>
    public static string KeyFile(string dataFolder) => Path.Combine(dataFolder, "keys", KeyFileName);
}
