namespace SubmissionGateway.Fuzzing.Mutation;

/// <summary>The files mutations start from: the X12 corpus under tests/corpus (copied beside the build output), any
/// crash inputs kept under tests/corpus/fuzz, and small PDFs written here.</summary>
public static class SeedCorpus
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "corpus");

    /// <summary>Every X12 file of the corpus, in a stable order so a seed reproduces the same inputs.</summary>
    public static IReadOnlyList<byte[]> X12()
    {
        if (!Directory.Exists(Folder))
        {
            throw new DirectoryNotFoundException($"The seed corpus is missing: {Folder}");
        }

        return Directory.EnumerateFiles(Folder, "*.x12", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Where(bytes => bytes.Length > 0)
            .ToList();
    }

    /// <summary>Synthetic PDFs (plain, with metadata, with a script, with an embedded file, encrypted-looking,
    /// compressed object streams aside) plus any under tests/corpus/fuzz/pdf.</summary>
    public static IReadOnlyList<byte[]> Pdf()
    {
        var seeds = new List<byte[]>(SyntheticPdfSeeds.All());
        var kept = Path.Combine(Folder, "fuzz", "pdf");
        if (Directory.Exists(kept))
        {
            seeds.AddRange(Directory.EnumerateFiles(kept).Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
        }

        return seeds;
    }
}
