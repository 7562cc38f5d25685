using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Forwarding;

/// <summary>Runs <see cref="OutboxWorker"/> in a host: drain while there is work, then poll.</summary>
public sealed partial class OutboxWorkerHost : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ForwardingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxWorkerHost> _logger;
    private readonly OutboxSignal? _queued;

    public OutboxWorkerHost(
        IServiceScopeFactory scopes, IOptions<ForwardingOptions> options, TimeProvider time, ILogger<OutboxWorkerHost> logger, OutboxSignal? queued = null)
    {
        _queued = queued;
        _scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the run: an item queued while it runs wakes the next wait at once.
            var queued = _queued?.Next;
            var claimed = 0;
            try
            {
                using var scope = _scopes.CreateScope();
                claimed = await scope.ServiceProvider.GetRequiredService<OutboxWorker>().RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a database hiccup; the item stays leased and is retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailure(_logger, ex);
            }

            if (claimed < _options.BatchSize)
            {
                // Nothing more is due: wait to be told of a new item, or poll for retries and other processes' items.
                await WaitForWorkAsync(queued, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitForWorkAsync(Task? queued, CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(_options.PollInterval, _time, poll.Token);
        if (await Task.WhenAny(queued ?? timer, timer).ConfigureAwait(false) != queued)
        {
            stoppingToken.ThrowIfCancellationRequested();
            return;
        }

        await poll.CancelAsync().ConfigureAwait(false);
        if (_options.GatherDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.GatherDelay, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox worker failed a run; it will try again.")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
