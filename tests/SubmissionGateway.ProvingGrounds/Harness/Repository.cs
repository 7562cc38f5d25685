namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>Where the repository's samples are and where the gateway and sgw binaries were built next to the tests.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SubmissionGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (SubmissionGateway.sln) was not found.");
    });

    public static string Root => RootFolder.Value;

    /// <summary>Two claims from SGWDEMOBILLING to SGWPAYER01, one invented patient.</summary>
    public static string OfficeVisitSample => Path.Combine(Root, "samples", "837P-office-visit.x12");

    public const string SampleSubmitter = "SGWDEMOBILLING";

    public const string SamplePayer = "SGWPAYER01";

    /// <summary>The API host, copied beside the tests by the project reference (with its runtimeconfig and deps).</summary>
    public static string GatewayDll => Built("SubmissionGateway.Api.dll");

    /// <summary>sgw, copied beside the tests by the project reference.</summary>
    public static string CliDll => Built("sgw.dll");

    private static string Built(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} was not built beside the tests.", path);
    }
}
