using System.Diagnostics;

namespace SubmissionGateway.Tests.Protection;

/// <summary>
/// Asks the system, independently of the code under test, whether a folder's file system takes O_DIRECT writes: dd
/// with oflag=direct either writes a block or is refused. Tests use it to expect the direct path where it exists.
/// </summary>
internal static class DirectIoProbe
{
    public static async Task<bool> AcceptsDirectWritesAsync(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var probe = Path.Combine(folder, $"probe-{Guid.NewGuid():N}");
        try
        {
            using var dd = Process.Start(new ProcessStartInfo("dd", ["if=/dev/zero", $"of={probe}", "bs=4096", "count=1", "oflag=direct"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            await dd.WaitForExitAsync(TestContext.Current.CancellationToken);
            return dd.ExitCode == 0;
        }
        finally
        {
            File.Delete(probe);
        }
    }

    /// <summary>Runs a command as it is; true when it exited with 0.</summary>
    public static async Task<bool> RunAsync(string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such command here
        }
    }
}
