namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>
/// The official CMS/NUCC files kept beside the repository (../shared/codesets in CI), found by walking up from the
/// test's base directory. They are never copied into the repository.
/// </summary>
internal static class SharedCodeSetFiles
{
    private static readonly Lazy<string?> Folder = new(Find);

    public static string? Directory => Folder.Value;

    /// <summary>The path of an official file, or skips the test when the shared folder is not there.</summary>
    public static string PathOf(string fileName)
    {
        var folder = Directory;
        if (folder is null)
        {
            Assert.Skip("The official code-set files (shared/codesets beside the repository) are not present.");
        }

        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            Assert.Skip($"{fileName} is not in {folder}.");
        }

        return path;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "codesets");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
