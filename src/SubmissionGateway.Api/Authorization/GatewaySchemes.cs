namespace SubmissionGateway.Api.Authorization;

/// <summary>Authentication scheme names.</summary>
public static class GatewaySchemes
{
    /// <summary>The default: picks the certificate for a request that carries one and no Authorization header, else the bearer token.</summary>
    public const string Gateway = "gateway";

    public const string Bearer = Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme;

    public const string Certificate = Microsoft.AspNetCore.Authentication.Certificate.CertificateAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Claim on certificate principals: the SHA-256 thumbprint of the certificate presented.</summary>
    public const string CertificateThumbprintClaim = "x5t#S256";
}
