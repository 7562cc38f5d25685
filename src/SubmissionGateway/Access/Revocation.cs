namespace SubmissionGateway.Access;

/// <summary>
/// One principal the gateway no longer admits, from <see cref="RevokedAt"/> on. Rows are only ever added: offboarding
/// is final; re-admitting someone means a new subject or a new certificate.
/// </summary>
public sealed class Revocation
{
    public long Id { get; set; }

    public RevocationKind Kind { get; set; }

    /// <summary>The subject as the token carries it, or the thumbprint in upper-case hex without separators.</summary>
    public string Value { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>The administrator who revoked.</summary>
    public string RevokedBy { get; set; } = "";

    public DateTime RevokedAt { get; set; }
}
