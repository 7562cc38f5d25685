using System.Diagnostics;
using System.Globalization;

namespace SubmissionGateway.Load;

/// <summary>
/// CPU time spent by the gateway process (from /proc) and by this load process over a run. On a shared machine the wall
/// clock measures the neighbours too; megabytes per CPU-second on each side say what a byte costs the gateway and the
/// client whatever else runs.
/// </summary>
internal sealed class ProcessorTime(int? serverPid)
{
    private TimeSpan _serverStart;
    private TimeSpan _clientStart;

    public void Start()
    {
        _serverStart = Server() ?? TimeSpan.Zero;
        _clientStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public string Describe(long bytes)
    {
        var client = Process.GetCurrentProcess().TotalProcessorTime - _clientStart;
        var text = $"client CPU {client.TotalSeconds:F2} s = {bytes / 1e6 / client.TotalSeconds:F0} MB per CPU-second";
        if (Server() is { } server)
        {
            var used = server - _serverStart;
            text = $"gateway CPU {used.TotalSeconds:F2} s = {bytes / 1e6 / used.TotalSeconds:F0} MB per CPU-second; " + text;
        }

        return text;
    }

    /// <summary>Milliseconds of CPU per call on each side: what one submission costs, whatever else shares the machine.</summary>
    public string DescribePerCall(long calls)
    {
        var client = Process.GetCurrentProcess().TotalProcessorTime - _clientStart;
        var text = $"client CPU {client.TotalSeconds:F2} s = {client.TotalMilliseconds / calls:F2} ms per call";
        if (Server() is { } server)
        {
            var used = server - _serverStart;
            text = $"gateway CPU {used.TotalSeconds:F2} s = {used.TotalMilliseconds / calls:F2} ms per call; " + text;
        }

        return text;
    }

    /// <summary>
    /// Waits until the gateway is idle (under 5% of a core over two half-second looks, at most two minutes), so a run
    /// does not measure the deliveries an earlier run queued. Returns how long it waited; zero without a server pid.
    /// </summary>
    public async Task<TimeSpan> WaitForServerIdleAsync()
    {
        var clock = Stopwatch.StartNew();
        if (Server() is not { } last)
        {
            return TimeSpan.Zero;
        }

        var quiet = 0;
        while (quiet < 2 && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(500);
            var now = Server() ?? last;
            quiet = (now - last).TotalMilliseconds < 25 ? quiet + 1 : 0;
            last = now;
        }

        return clock.Elapsed;
    }

    // utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
    private TimeSpan? Server()
    {
        if (serverPid is null)
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{serverPid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
