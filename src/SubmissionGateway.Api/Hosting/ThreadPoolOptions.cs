using System.ComponentModel.DataAnnotations;

namespace SubmissionGateway.Api.Hosting;

/// <summary>The thread pool's floor (section <c>ThreadPool</c>).</summary>
public sealed class ThreadPoolOptions
{
    public const string SectionName = "ThreadPool";

    /// <summary>
    /// Worker threads the pool keeps ready before it starts adding them slowly (one per half second or so). SQLite's
    /// calls block their thread (a commit waits for its disk sync, a read may fault a page in), so on two cores the
    /// pool's own choice of 2–3 threads let a few blocked calls stall every queued request: measured at 500
    /// submissions/s, 150 work items waited up to 190 ms behind 3 threads. 0 leaves the runtime's default.
    /// </summary>
    [Range(0, 1024)]
    public int MinWorkerThreads { get; set; } = 16;
}
