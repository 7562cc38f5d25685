using System.Text.Json;

namespace SubmissionGateway.X12.Tests.Guides;

/// <summary>Where the checked-in guides and the pyx12 reference maps are, found from the test's base directory.</summary>
internal static class GuideFiles
{
    public static string SchemasDirectory { get; } = Path.Combine(RepositoryRoot(), "schemas", "x12");

    public static IEnumerable<string> All => Directory.EnumerateFiles(SchemasDirectory, "*.json").Order(StringComparer.Ordinal);

    public static TheoryData<string> Names => [.. All.Select(Path.GetFileName).OfType<string>()];

    public static JsonDocument Load(string fileName) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SchemasDirectory, fileName)));

    /// <summary>The shared pyx12 maps: a `shared/reference/pyx12-maps` beside the repository (or any ancestor).</summary>
    public static string? Pyx12Maps()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "pyx12-maps");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SubmissionGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SubmissionGateway.sln above {AppContext.BaseDirectory}.");
    }
}
