using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Protection;

/// <summary>
/// Secrets on disk (key files, certificates) are written owner-only (0600) and refused when group or others
/// can read them, the way ssh treats a private key.
/// </summary>
public static class OwnerOnlyFile
{
    private const UnixFileMode Exposed =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes <paramref name="content"/> atomically (temporary file, fsync, rename) with mode 0600.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Throws a <see cref="KeyRingException"/> naming the fix when group or others have any access to <paramref name="path"/>.</summary>
    public static void RequireOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & Exposed) != 0)
        {
            throw new KeyRingException(
                $"Refusing to use '{path}': group or others can access it (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}). " +
                $"Restrict it with: chmod 600 '{path}'.");
        }
    }
}
