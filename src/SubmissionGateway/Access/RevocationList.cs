using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Limits;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Access;

/// <summary>
/// The users and client certificates the gateway no longer admits, kept in the gateway database and consulted on
/// every request. Lookups use an in-process copy of the whole list (it stays small: people and billing systems
/// offboarded); a revoke here drops the copy at once, other replicas reload within <see cref="RevocationOptions.CacheDuration"/>.
/// </summary>
public sealed class RevocationList : IDisposable
{
    public const int MaxValueLength = 256;
    public const int MaxReasonLength = 512;
    public const string AuditResourceType = "revocation";

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _snapshot;

    public RevocationList(IDbContextFactory<GatewayDbContext> databases, TimeProvider time, IOptions<RevocationOptions> options)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _cacheDuration = options?.Value.CacheDuration ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>
    /// Revokes a principal and records the act in the access audit, in one transaction. Revoking one already revoked
    /// returns the existing row unchanged (and records nothing new).
    /// </summary>
    /// <exception cref="RequestRefusedException">The value is empty, too long, or not a thumbprint; the reason is missing.</exception>
    public async Task<Revocation> RevokeAsync(RevocationKind kind, string value, string reason, string revokedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(revokedBy);
        var normalized = Normalize(kind, value);
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > MaxReasonLength)
        {
            throw new RequestRefusedException("revocation-invalid", $"A revocation states its reason in 1 to {MaxReasonLength} characters.", nameof(reason));
        }

        await using var db = await _databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await FindAsync(db, kind, normalized, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var revocation = new Revocation { Kind = kind, Value = normalized, Reason = reason, RevokedBy = revokedBy, RevokedAt = now };
        db.Add(revocation);
        db.AccessAuditEvents.Add(new AccessAuditEvent
        {
            OccurredAt = now,
            Actor = revokedBy,
            Action = AccessAction.Write,
            ResourceType = AuditResourceType,
            ResourceId = $"{kind}:{normalized}",
            Reason = reason,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another replica revoked the same principal a moment earlier: theirs stands, with its own audit event.
            await using var again = await _databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (await FindAsync(again, kind, normalized, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return raced;
            }

            throw;
        }
        finally
        {
            _snapshot = null;
        }

        return revocation;
    }

    /// <summary>Whether <paramref name="value"/> (a subject or a thumbprint, any case or separators) is revoked.</summary>
    public async ValueTask<bool> IsRevokedAsync(RevocationKind kind, string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var key = Key(kind, kind == RevocationKind.CertificateThumbprint ? NormalizeThumbprint(value) ?? value : value);
        var snapshot = _snapshot;
        if (snapshot is null || _time.GetUtcNow() - snapshot.LoadedAt >= _cacheDuration)
        {
            snapshot = await ReloadAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }

        return snapshot.Keys.Contains(key);
    }

    /// <summary>Every revocation, newest first.</summary>
    public async Task<IReadOnlyList<Revocation>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Revocations.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _reload.Dispose();

    private static Task<Revocation?> FindAsync(GatewayDbContext db, RevocationKind kind, string value, CancellationToken cancellationToken) =>
        db.Revocations.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == kind && r.Value == value, cancellationToken);

    private async Task<Snapshot> ReloadAsync(Snapshot? seen, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Someone else reloaded while this caller waited.
            if (_snapshot is { } current && !ReferenceEquals(current, seen) && _time.GetUtcNow() - current.LoadedAt < _cacheDuration)
            {
                return current;
            }

            var loadedAt = _time.GetUtcNow();
            await using var db = await _databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var rows = await db.Revocations.AsNoTracking().Select(r => new { r.Kind, r.Value }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var fresh = new Snapshot(loadedAt, rows.Select(r => Key(r.Kind, r.Value)).ToFrozenSet(StringComparer.Ordinal));
            _snapshot = fresh;
            return fresh;
        }
        finally
        {
            _reload.Release();
        }
    }

    private static string Normalize(RevocationKind kind, string value)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new RequestRefusedException("revocation-invalid", "A revocation names a subject or a certificate thumbprint.", nameof(kind));
        }

        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxValueLength)
        {
            throw new RequestRefusedException("revocation-invalid", $"The subject or thumbprint is 1 to {MaxValueLength} characters.", nameof(value));
        }

        return kind == RevocationKind.Subject
            ? trimmed
            : NormalizeThumbprint(trimmed) ?? throw new RequestRefusedException("revocation-invalid",
                "A certificate thumbprint is the SHA-1 (40) or SHA-256 (64) hex digest of the certificate.", nameof(value));
    }

    /// <summary>Upper-case hex without separators, or null when it is not a SHA-1 or SHA-256 thumbprint.</summary>
    private static string? NormalizeThumbprint(string value)
    {
        Span<char> hex = stackalloc char[64];
        var length = 0;
        foreach (var c in value)
        {
            if (c is ':' or ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c) || length == hex.Length)
            {
                return null;
            }

            hex[length++] = char.ToUpperInvariant(c);
        }

        return length is 40 or 64 ? new string(hex[..length]) : null;
    }

    private static string Key(RevocationKind kind, string value) => kind == RevocationKind.Subject ? "s:" + value : "t:" + value;

    private sealed record Snapshot(DateTimeOffset LoadedAt, FrozenSet<string> Keys);
}
