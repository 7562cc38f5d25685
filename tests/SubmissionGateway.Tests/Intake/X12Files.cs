namespace SubmissionGateway.Tests.Intake;

/// <summary>The shipped sample, the shared corpus and this folder's own samples, found from the repository root.</summary>
internal static class X12Files
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

    public static string OfficeVisit => Path.Combine(Root.Value, "samples", "837P-office-visit.x12");

    /// <summary>Two claims; the first's CLM02 does not balance with its lines (SNIP 3), the second is sound.</summary>
    public static string ChargeImbalance => Path.Combine(Root.Value, "tests", "corpus", "837P", "edit-charge-imbalance.x12");

    public static string ReplacementWithF8 => Path.Combine(Root.Value, "tests", "corpus", "837P", "valid-replacement-with-f8.x12");

    public static string BomCrLf => Path.Combine(Root.Value, "tests", "corpus", "837P", "valid-bom-crlf.x12");

    public static string OtherDelimiters => Path.Combine(Root.Value, "tests", "corpus", "837P", "valid-other-delimiters.x12");

    /// <summary>Three claims: two patients for SGWPAYER01, a dependent (2000C) for SGWPAYER02.</summary>
    public static string TwoPayers => Path.Combine(Root.Value, "tests", "SubmissionGateway.Tests", "Intake", "Samples", "837P-two-payers.x12");
}
