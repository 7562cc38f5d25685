namespace SubmissionGateway.Access;

/// <summary>What a revocation names: a user (the token's <c>sub</c>) or a client certificate (its SHA-1 or SHA-256 thumbprint).</summary>
public enum RevocationKind
{
    Subject,
    CertificateThumbprint,
}
