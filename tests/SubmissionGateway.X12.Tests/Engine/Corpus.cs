namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>The corpus under tests/corpus: each file with its expected verdict and first error (expected.tsv).</summary>
internal static class Corpus
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "corpus");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static byte[] Read(string relative) => File.ReadAllBytes(PathOf(relative));

    public static TheoryData<string, int, string, string> Expected()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(Root, "expected.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length >= 4)
            {
                data.Add(columns[0], int.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture), columns[2], columns[3]);
            }
        }

        return data;
    }
}
