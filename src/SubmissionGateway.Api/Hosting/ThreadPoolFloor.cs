using Microsoft.Extensions.Options;

namespace SubmissionGateway.Api.Hosting;

/// <summary>Raises the thread pool's minimum worker threads at start-up (never lowers it); see <see cref="ThreadPoolOptions"/>.</summary>
internal sealed partial class ThreadPoolFloor(IOptions<ThreadPoolOptions> options, ILogger<ThreadPoolFloor> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var wanted = options.Value.MinWorkerThreads;
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (wanted > workers)
        {
            if (!ThreadPool.SetMinThreads(wanted, completionPorts))
            {
                Refused(logger, wanted);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The thread pool refused a minimum of {Threads} worker threads (above its maximum?); it keeps its default.")]
    private static partial void Refused(ILogger logger, int threads);
}
