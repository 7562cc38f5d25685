using SubmissionGateway.Access;

namespace SubmissionGateway.Api.Admin;

public sealed record RevocationView(RevocationKind Kind, string Value, string Reason, string RevokedBy, DateTimeOffset RevokedAt)
{
    public static RevocationView Of(Revocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        return new(revocation.Kind, revocation.Value, revocation.Reason, revocation.RevokedBy,
            new DateTimeOffset(DateTime.SpecifyKind(revocation.RevokedAt, DateTimeKind.Utc)));
    }
}
