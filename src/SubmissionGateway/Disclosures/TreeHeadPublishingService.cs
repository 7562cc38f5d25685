using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Disclosures;

/// <summary>Signs a tree head every <see cref="DisclosureLedgerOptions.TreeHeadInterval"/> when the ledger has grown.</summary>
public sealed partial class TreeHeadPublishingService : BackgroundService
{
    private readonly TreeHeadPublisher _publisher;
    private readonly DisclosureLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TreeHeadPublishingService> _logger;

    public TreeHeadPublishingService(TreeHeadPublisher publisher, IOptions<DisclosureLedgerOptions> options, TimeProvider time, ILogger<TreeHeadPublishingService> logger)
    {
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await _publisher.PublishAsync(stoppingToken).ConfigureAwait(false) is { } head)
                {
                    LogPublished(_logger, head.TreeSize);
                }
            }
            catch (LedgerTamperedException ex)
            {
                LogTampered(_logger, ex.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException or IOException or System.Data.Common.DbException)
            {
                // The archive (blob storage) or the database is unreachable for now: try again next interval
                // rather than stop the host; the ledger itself is unaffected.
                LogUnavailable(_logger, _options.TreeHeadInterval, ex.Message);
            }

            await Task.Delay(_options.TreeHeadInterval, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed tree head for {TreeSize} entries archived.")]
    private static partial void LogPublished(ILogger logger, long treeSize);

    [LoggerMessage(Level = LogLevel.Error, Message = "No tree head was signed this time (storage unavailable); retrying in {Interval}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, TimeSpan interval, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The disclosure ledger failed verification; no head was signed: {Problem}")]
    private static partial void LogTampered(ILogger logger, string problem);
}
