using System.Globalization;

namespace SubmissionGateway.Benchmarks.Protection;

/// <summary>
/// Peak resident memory of the benchmark process on Linux: the kernel's high-water mark (VmHWM) is reset after
/// setup (writing 5 to /proc/self/clear_refs), so the figure read at cleanup is the growth caused by the
/// benchmarked operation alone, not by the 100 MB buffers the setup allocated.
/// </summary>
internal static class PeakMemory
{
    private static long _residentAfterSetup;

    public static void ResetAfterSetup()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
        _residentAfterSetup = ReadKilobytes("VmRSS:");
    }

    public static void Report(string benchmark)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var growth = ReadKilobytes("VmHWM:") - _residentAfterSetup;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// PeakWorkingSetGrowth {benchmark}: {growth / 1024.0:F1} MB"));
    }

    private static long ReadKilobytes(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
