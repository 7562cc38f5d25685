namespace SubmissionGateway.X12.CodeSets;

/// <summary>Where compiled code sets live: <c>codesets</c> under the gateway's data folder.</summary>
public static class CodeSetDataFolder
{
    /// <summary>The environment variable naming the gateway's data folder.</summary>
    public const string EnvironmentVariable = "SGW_DATA";

    /// <summary>
    /// <c>$SGW_DATA/codesets</c>, else <c>~/.sgw/codesets</c>. The folder is not created here: a catalog loaded
    /// from a folder that does not exist simply has no imported sets.
    /// </summary>
    public static string Resolve()
    {
        var data = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(data))
        {
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), ".sgw");
        }

        return ForDataFolder(data);
    }

    /// <summary>The code-set folder inside a given data folder.</summary>
    public static string ForDataFolder(string dataFolder) => Path.Combine(Path.GetFullPath(dataFolder), "codesets");
}
