using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// Switches an open file to O_DIRECT on Linux. .NET has no option for it, so this is fcntl(F_SETFL) through libc; the
/// kernel answers EINVAL where the file system cannot write directly (ramfs, some FUSE), and the caller stays buffered.
/// </summary>
internal static class DirectIo
{
    private const int GetStatusFlags = 3; // F_GETFL
    private const int SetStatusFlags = 4; // F_SETFL

    /// <summary>True when the file now bypasses the page cache; false when refused or not Linux.</summary>
    public static bool TryEnable(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!OperatingSystem.IsLinux() || DirectFlag() is not { } direct)
        {
            return false;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var descriptor = (int)handle.DangerousGetHandle();
            var flags = FileControl(descriptor, GetStatusFlags, 0);
            return flags >= 0 && FileControl(descriptor, SetStatusFlags, flags | direct) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // a libc without the glibc soname (e.g. musl): stay buffered
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    // O_DIRECT's value differs by architecture; on any other, stay buffered rather than guess.
    private static int? DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => null,
    };

    [DllImport("libc.so.6", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int FileControl(int descriptor, int command, int argument);
}
