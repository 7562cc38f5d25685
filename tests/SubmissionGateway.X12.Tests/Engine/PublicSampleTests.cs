using System.Text.Json;
using Shouldly;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.Cli.Validate;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>
/// The 75 public X12 files in ../shared/reference/x12-samples, each with our verdict and first error
/// (tests/corpus/public-samples.tsv; pyx12's verdict beside it for comparison). Most public "valid" samples are
/// not valid against the guides; every verdict here was read and agreed with before it was written down.
/// </summary>
public sealed class PublicSampleTests
{
    private static readonly string? SamplesFolder = FindSamples();

    public static TheoryData<string, int, string, string> Samples()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(Corpus.Root, "public-samples.tsv")).Skip(1))
        {
            var c = line.Split('\t');
            data.Add(c[0], int.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture), c[2], c[3]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Public_sample_gets_its_recorded_verdict(string file, int exitCode, string firstCode, string firstSegment)
    {
        if (SamplesFolder is null)
        {
            Assert.Skip("../shared/reference/x12-samples is not beside this checkout.");
        }

        using var stdout = new StringWriter();
        var exit = ValidateCommand.Run([new FileInfo(Path.Combine(SamplesFolder, file))], json: true, ackOut: null, stdout, TextWriter.Null, CodeSetCatalog.BuiltIn);

        exit.ShouldBe(exitCode);
        using var document = JsonDocument.Parse(stdout.ToString());
        var errors = document.RootElement.GetProperty("errors");
        if (firstCode == "-")
        {
            errors.GetArrayLength().ShouldBe(0);
            return;
        }

        errors[0].GetProperty("code").GetString().ShouldBe(firstCode);
        (errors[0].GetProperty("segment").GetString() is { Length: > 0 } segment ? segment : "-").ShouldBe(firstSegment);
    }

    private static string? FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "x12-samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
