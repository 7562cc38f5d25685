using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;
using SubmissionGateway.X12.Acknowledgments;

namespace SubmissionGateway.Intake;

/// <summary>
/// Hands out the gateway's interchange and group control numbers from a counter in the database, so they never
/// repeat across restarts or replicas. A reserved block that is not used leaves a gap, which X12 allows.
/// </summary>
public sealed class ControlNumbers
{
    private const long Modulus = 999_999_999;

    private readonly IDbContextFactory<GatewayDbContext> _databases;

    public ControlNumbers(IDbContextFactory<GatewayDbContext> databases)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
    }

    /// <summary>
    /// Options for writing acknowledgments of <paramref name="interchange"/> with numbers reserved up front: each
    /// acknowledgment takes one ISA13 plus a GS06 per group, times <paramref name="acknowledgments"/> (999, 277CA, ...).
    /// </summary>
    public async Task<AcknowledgmentOptions> ReserveForAcknowledgmentsAsync(
        X12.Validation.InterchangeResult interchange, int acknowledgments, IntakeOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interchange);
        ArgumentNullException.ThrowIfNull(options);
        var count = acknowledgments * (interchange.Groups.Count + 1);
        var next = await ReserveAsync(count, cancellationToken).ConfigureAwait(false);
        var last = next + count - 1;
        return new AcknowledgmentOptions
        {
            SenderQualifier = options.SenderQualifier,
            SenderId = options.SenderId,
            Clock = clock,
            NextControlNumber = () => next <= last
                ? ToControlNumber(next++)
                : throw new InvalidOperationException("The acknowledgment writer used more control numbers than were reserved."),
        };
    }

    /// <summary>Reserves <paramref name="count"/> consecutive numbers and returns the first raw value.</summary>
    public async Task<long> ReserveAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await using var db = _databases.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The UPDATE takes the row (PostgreSQL) or the write lock (SQLite) first, so two callers never read the same value.
        var updated = await db.Set<ControlNumberCounter>().Where(c => c.Name == ControlNumberCounter.Interchanges)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + count), cancellationToken).ConfigureAwait(false);
        if (updated != 1)
        {
            throw new InvalidOperationException("The control-number counter is missing: the database is not migrated.");
        }

        var last = await db.Set<ControlNumberCounter>().Where(c => c.Name == ControlNumberCounter.Interchanges)
            .Select(c => c.Value).SingleAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return last - count + 1;
    }

    /// <summary>A raw counter value as a control number: 1 to 999999999, wrapping.</summary>
    public static long ToControlNumber(long value) => ((value - 1) % Modulus) + 1;
}
