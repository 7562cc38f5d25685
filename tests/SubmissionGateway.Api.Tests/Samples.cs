namespace SubmissionGateway.Api.Tests;

/// <summary>The shipped sample 837, found from the repository root.</summary>
internal static class Samples
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SubmissionGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (SubmissionGateway.sln) was not found.");
    });

    /// <summary>The repository root (where SubmissionGateway.sln is).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Two claims (SGW-CLAIM-0001, -0002) from SGWDEMOBILLING to SGWPAYER01.</summary>
    public static string OfficeVisit => Path.Combine(Root.Value, "samples", "837P-office-visit.x12");

    public const string OfficeVisitSubmitter = "SGWDEMOBILLING";

    /// <summary>A file of tests/corpus, e.g. <c>275/valid-unsolicited-pdf.x12</c>.</summary>
    public static string Corpus(string relative) => Path.Combine(Root.Value, "tests", "corpus", relative);
}
