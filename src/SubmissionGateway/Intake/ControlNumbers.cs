using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SubmissionGateway.Persistence;
using SubmissionGateway.X12.Acknowledgments;

namespace SubmissionGateway.Intake;

/// <summary>
/// Hands out the gateway's interchange and group control numbers from a counter in the database, so they never
/// repeat across restarts or replicas. Numbers are taken from the database a block at a time
/// (<see cref="IntakeOptions.ControlNumberBlock"/>) and handed out from memory: every block is its own committed
/// increment of the counter, so two replicas or a restarted process never hold the same number. Numbers left in a
/// block when the process stops are never used, a gap, which X12 allows (a repeat is what it forbids).
/// </summary>
public sealed class ControlNumbers
{
    private const long Modulus = 999_999_999;

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly int _block;
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _refill = new(1, 1);
    private long _next;
    private long _end;

    public ControlNumbers(IDbContextFactory<GatewayDbContext> databases, IOptions<IntakeOptions> options)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _block = options?.Value.ControlNumberBlock ?? throw new ArgumentNullException(nameof(options));
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
        if (count >= _block)
        {
            return await ReserveInDatabaseAsync(count, cancellationToken).ConfigureAwait(false);
        }

        if (TakeFromBlock(count) is { } taken)
        {
            return taken;
        }

        // One refill at a time: the callers that queued behind it are then served from the new block.
        await _refill.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TakeFromBlock(count) is { } takenMeanwhile)
            {
                return takenMeanwhile;
            }

            var first = await ReserveInDatabaseAsync(_block, cancellationToken).ConfigureAwait(false);
            lock (_sync)
            {
                // What was left of the old block (fewer than count numbers) is dropped: a gap, never a repeat.
                _next = first + count;
                _end = first + _block;
            }

            return first;
        }
        finally
        {
            _refill.Release();
        }
    }

    private long? TakeFromBlock(int count)
    {
        lock (_sync)
        {
            if (_end - _next < count)
            {
                return null;
            }

            var first = _next;
            _next += count;
            return first;
        }
    }

    /// <summary>Advances the counter by <paramref name="count"/> in its own committed transaction; returns the first raw value.</summary>
    private async Task<long> ReserveInDatabaseAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        await using var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
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
