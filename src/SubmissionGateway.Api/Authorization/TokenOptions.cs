namespace SubmissionGateway.Api.Authorization;

/// <summary>
/// Configuration section <c>Authentication</c>. With an <see cref="Authority"/> tokens come from that identity
/// provider (its discovery document); without one they are signed with the local key in the data folder
/// (<c>sgw dev-token</c>).
/// </summary>
public sealed class TokenOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The local signing key's file name under <c>{DataFolder}/keys</c>.</summary>
    public const string LocalKeyFileName = Protection.LocalGatewayTokens.KeyFileName;

    public const string LocalIssuer = Protection.LocalGatewayTokens.Issuer;

    public const string DefaultAudience = Protection.LocalGatewayTokens.Audience;

    public Uri? Authority { get; set; }

    public string? Issuer { get; set; }

    public string Audience { get; set; } = DefaultAudience;

    /// <summary>Overrides <c>{DataFolder}/keys/api-token-signing.key</c>.</summary>
    public string? SigningKeyFile { get; set; }
}
