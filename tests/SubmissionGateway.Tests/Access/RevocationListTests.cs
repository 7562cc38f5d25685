using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SubmissionGateway.Access;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Limits;
using SubmissionGateway.Persistence;
using SubmissionGateway.Tests.Persistence;

namespace SubmissionGateway.Tests.Access;

public sealed class RevocationListTests
{
    private const string Sha1 = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RevocationList List(TestDatabase database, TimeProvider time, TimeSpan? cache = null) =>
        new(database.Factory, time, Options.Create(new RevocationOptions { CacheDuration = cache ?? TimeSpan.FromSeconds(15) }));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_revoke_takes_effect_on_the_next_check_even_with_a_warm_cache_and_is_audited(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        using var list = List(database, time);
        (await list.IsRevokedAsync(RevocationKind.Subject, "coder-ann", Ct)).ShouldBeFalse("the cache is now warm");

        var revoked = await list.RevokeAsync(RevocationKind.Subject, "coder-ann", "Left the practice", "admin-bob", Ct);

        (await list.IsRevokedAsync(RevocationKind.Subject, "coder-ann", Ct)).ShouldBeTrue();
        (await list.IsRevokedAsync(RevocationKind.Subject, "coder-carl", Ct)).ShouldBeFalse();
        (await list.IsRevokedAsync(RevocationKind.CertificateThumbprint, "coder-ann", Ct)).ShouldBeFalse("kinds do not mix");
        revoked.RevokedAt.ShouldBe(time.GetUtcNow().UtcDateTime);
        await using var db = database.Factory.CreateDbContext();
        var audit = await db.AccessAuditEvents.SingleAsync(Ct);
        audit.Actor.ShouldBe("admin-bob");
        audit.Action.ShouldBe(AccessAction.Write);
        audit.ResourceType.ShouldBe(RevocationList.AuditResourceType);
        audit.ResourceId.ShouldBe("Subject:coder-ann");
        audit.Reason.ShouldBe("Left the practice");
        (await list.ListAsync(Ct)).Select(r => (r.Kind, r.Value, r.RevokedBy)).ShouldBe([(RevocationKind.Subject, "coder-ann", "admin-bob")]);
    }

    [Fact]
    public async Task Another_replica_sees_a_revoke_once_its_copy_is_older_than_the_cache_duration()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        using var here = List(database, time, TimeSpan.FromSeconds(10));
        using var there = List(database, time, TimeSpan.FromSeconds(10));
        (await there.IsRevokedAsync(RevocationKind.Subject, "billing-1", Ct)).ShouldBeFalse();

        await here.RevokeAsync(RevocationKind.Subject, "billing-1", "Contract ended", "admin", Ct);
        time.Advance(TimeSpan.FromSeconds(9));
        var beforeExpiry = await there.IsRevokedAsync(RevocationKind.Subject, "billing-1", Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await there.IsRevokedAsync(RevocationKind.Subject, "billing-1", Ct);

        beforeExpiry.ShouldBeFalse("the other replica still trusts its copy");
        afterExpiry.ShouldBeTrue();
    }

    [Fact]
    public async Task Thumbprints_match_whatever_their_case_or_separators()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        using var list = List(database, TimeProvider.System);
        var colons = string.Join(':', Enumerable.Range(0, 20).Select(i => Sha1.Substring(i * 2, 2)));

        var revoked = await list.RevokeAsync(RevocationKind.CertificateThumbprint, colons, "Key compromised", "admin", Ct);

        revoked.Value.ShouldBe(Sha1.ToUpperInvariant());
        (await list.IsRevokedAsync(RevocationKind.CertificateThumbprint, Sha1, Ct)).ShouldBeTrue();
        (await list.IsRevokedAsync(RevocationKind.CertificateThumbprint, Sha1.ToUpperInvariant(), Ct)).ShouldBeTrue();
        (await list.IsRevokedAsync(RevocationKind.CertificateThumbprint, "1" + Sha1[1..], Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_reason_and_records_one_audit_event()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        using var list = List(database, TimeProvider.System);

        var first = await list.RevokeAsync(RevocationKind.Subject, "coder-ann", "Left the practice", "admin-1", Ct);
        var second = await list.RevokeAsync(RevocationKind.Subject, " coder-ann ", "Again", "admin-2", Ct);

        second.Id.ShouldBe(first.Id);
        second.Reason.ShouldBe("Left the practice");
        await using var db = database.Factory.CreateDbContext();
        (await db.Revocations.CountAsync(Ct)).ShouldBe(1);
        (await db.AccessAuditEvents.CountAsync(Ct)).ShouldBe(1);
    }

    [Theory]
    [InlineData(RevocationKind.CertificateThumbprint, "not-a-thumbprint", "Lost laptop")]
    [InlineData(RevocationKind.CertificateThumbprint, "0a1b2c", "Lost laptop")]
    [InlineData(RevocationKind.Subject, "   ", "Left")]
    [InlineData(RevocationKind.Subject, "coder-ann", "")]
    [InlineData((RevocationKind)7, "coder-ann", "Left")]
    public async Task A_bad_revocation_is_refused_and_nothing_is_stored(RevocationKind kind, string value, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        using var list = List(database, TimeProvider.System);

        var refused = await Should.ThrowAsync<RequestRefusedException>(() => list.RevokeAsync(kind, value, reason, "admin", Ct));

        refused.Slug.ShouldBe("revocation-invalid");
        await using var db = database.Factory.CreateDbContext();
        (await db.Revocations.CountAsync(Ct)).ShouldBe(0);
        (await db.AccessAuditEvents.CountAsync(Ct)).ShouldBe(0);
    }
}
