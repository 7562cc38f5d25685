using System.Globalization;

namespace SubmissionGateway.Load;

/// <summary>The gateway process's memory from /proc: peak resident set (VmHWM) and, while sampling, the lowest and
/// highest resident set seen, to tell flat memory from memory that grows with the load.</summary>
internal sealed class ServerMemory(int? pid) : IDisposable
{
    private Timer? _timer;
    private long _lowest = long.MaxValue;
    private long _highest;

    public void StartSampling()
    {
        if (pid is null)
        {
            return;
        }

        _timer = new Timer(_ =>
        {
            if (Read("VmRSS") is { } rss)
            {
                InterlockedMin(ref _lowest, rss);
                InterlockedMax(ref _highest, rss);
            }
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    public string Describe()
    {
        if (pid is null)
        {
            return "server memory: not read (pass --server-pid)";
        }

        var text = $"server memory: peak RSS (VmHWM) {Read("VmHWM") / 1024.0:F0} MB, now {Read("VmRSS") / 1024.0:F0} MB";
        if (_highest > 0)
        {
            text += $"; during the run RSS {Interlocked.Read(ref _lowest) / 1024.0:F0}–{Interlocked.Read(ref _highest) / 1024.0:F0} MB";
        }

        return text;
    }

    public void Dispose() => _timer?.Dispose();

    private long? Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process has ended.
        }

        return null;
    }

    private static void InterlockedMin(ref long target, long value)
    {
        long current;
        while (value < (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
