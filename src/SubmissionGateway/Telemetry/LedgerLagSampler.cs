using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Telemetry;

/// <summary>
/// Samples the outbox and ledger backlog for <see cref="GatewayMetrics"/> every <see cref="Interval"/>. The gauges
/// read the last sample: a metrics export never waits on the database.
/// </summary>
public sealed partial class LedgerLagSampler : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly ITreeHeadArchive? _heads;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<LedgerLagSampler> _logger;

    public LedgerLagSampler(
        IDbContextFactory<GatewayDbContext> databases, GatewayMetrics metrics, TimeProvider time, ILogger<LedgerLagSampler> logger, ITreeHeadArchive? heads = null)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _heads = heads;
    }

    /// <summary>Takes one sample and hands it to the gauges.</summary>
    public async Task<LedgerLag> SampleAsync(CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = db.OutboxItems.Where(i => i.Status == OutboxStatus.Pending);
        var count = await pending.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var oldest = await pending.MinAsync(i => (long?)i.CreatedAtMs, cancellationToken).ConfigureAwait(false);
        var last = await db.DisclosureEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken).ConfigureAwait(false);
        long signed = 0;
        if (_heads is not null)
        {
            await foreach (var head in _heads.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                signed = Math.Max(signed, head.TreeSize);
            }
        }

        var now = _time.GetUtcNow();
        var lag = new LedgerLag(count, oldest is { } ms ? now - DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, (last ?? -1) + 1, signed);
        _metrics.RecordLag(lag);
        return lag;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A metrics sample must never stop the host; readiness reports the database itself.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSampleFailed(_logger, ex.GetType().Name);
            }

            await Task.Delay(Interval, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox and ledger backlog could not be sampled ({Error}); the gauges keep the last sample.")]
    private static partial void LogSampleFailed(ILogger logger, string error);
}
