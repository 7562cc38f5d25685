using System.Diagnostics;

namespace SubmissionGateway.Load;

/// <summary>Every latency of a run, kept exactly (a run is at most a few hundred thousand calls), with the error count.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = new(1 << 16);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _errors = new(StringComparer.Ordinal);

    public void Record(long startTimestamp, string? error)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        lock (_gate)
        {
            _milliseconds.Add(elapsed);
            if (error is not null)
            {
                _errors[error] = _errors.GetValueOrDefault(error) + 1;
            }
        }
    }

    public string Summary(string label, TimeSpan wall, long bytesPerCall)
    {
        lock (_gate)
        {
            var sorted = _milliseconds.Order().ToArray();
            double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            var errors = _errors.Values.Sum();
            var perSecond = sorted.Length / wall.TotalSeconds;
            var text = $"{label}: {sorted.Length} calls in {wall.TotalSeconds:F1} s = {perSecond:F1}/s";
            if (bytesPerCall > 0)
            {
                text += $" = {perSecond * bytesPerCall / 1e6:F1} MB/s";
            }

            text += $"; latency ms p50 {At(0.50):F1} p90 {At(0.90):F1} p99 {At(0.99):F1} max {(sorted.Length == 0 ? double.NaN : sorted[^1]):F1}; errors {errors}";
            if (errors > 0)
            {
                text += " (" + string.Join(", ", _errors.Select(e => $"{e.Key}: {e.Value}")) + ")";
            }

            return text;
        }
    }

    /// <summary>Calls recorded so far, answered or failed.</summary>
    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _milliseconds.Count;
            }
        }
    }

    public double Throughput(TimeSpan wall)
    {
        lock (_gate)
        {
            return _milliseconds.Count / wall.TotalSeconds;
        }
    }
}
