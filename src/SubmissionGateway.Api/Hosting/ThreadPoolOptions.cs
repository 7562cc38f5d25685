using System.ComponentModel.DataAnnotations;

namespace SubmissionGateway.Api.Hosting;

/// <summary>The thread pool's floor (section <c>ThreadPool</c>).</summary>
public sealed class ThreadPoolOptions
{
    public const string SectionName = "ThreadPool";

    /// <summary>
    /// Worker threads the pool creates without waiting before it starts adding them slowly (about one per half second).
    /// SQLite's calls block their thread (a commit waits for its disk sync), so with the pool's own 2–3 threads on two
    /// cores a few blocked calls can stall the queue: in one diagnostic run at 500 submissions/s, 150 work items waited
    /// up to 190 ms; with 16 the longest wait was 38 ms. But 16 also cost CPU (busier threads switching and spinning):
    /// 1.46 ms per submission at full load against 1.26–1.30, and 1,025/s in the closed loop against 1,244–1,286/s,
    /// with no better end-to-end p99. Hence 0 by default: the runtime's own floor. Raise it where calls block for long
    /// (a slow or network disk).
    /// </summary>
    [Range(0, 1024)]
    public int MinWorkerThreads { get; set; }
}
