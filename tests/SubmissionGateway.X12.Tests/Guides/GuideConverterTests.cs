using Shouldly;
using SubmissionGateway.GuideConverter;

namespace SubmissionGateway.X12.Tests.Guides;

/// <summary>The checked-in guides are exactly what the converter produces: no hand edits, no drift.</summary>
public sealed class GuideConverterTests
{
    [Fact]
    public void ConverterReproducesTheCheckedInFilesByteForByte()
    {
        var maps = GuideFiles.Pyx12Maps();
        if (maps is null)
        {
            Assert.Skip("shared/reference/pyx12-maps is not beside this repository.");
        }

        var generated = GuideConversion.ConvertAll(maps);

        generated.Select(g => g.File).ShouldBe(GuideFiles.All.Select(Path.GetFileName), ignoreOrder: false);
        foreach (var (file, bytes) in generated)
        {
            var checkedIn = File.ReadAllBytes(Path.Combine(GuideFiles.SchemasDirectory, file));
            bytes.SequenceEqual(checkedIn).ShouldBeTrue($"{file} differs from the converter's output; rerun the converter.");
        }
    }

    [Fact]
    public void ConversionIsDeterministic()
    {
        var maps = GuideFiles.Pyx12Maps();
        if (maps is null)
        {
            Assert.Skip("shared/reference/pyx12-maps is not beside this repository.");
        }

        var first = GuideConversion.ConvertAll(maps);
        var second = GuideConversion.ConvertAll(maps);
        second.Select(g => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(g.Bytes)))
            .ShouldBe(first.Select(g => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(g.Bytes))));
    }

    [Fact]
    public void OutputIsTwoSpaceIndentedWithLfAndATrailingNewline()
    {
        foreach (var path in GuideFiles.All)
        {
            var text = File.ReadAllText(path);
            text.ShouldEndWith("}\n", customMessage: path);
            text.ShouldNotContain("\r", customMessage: path);
            text.Split('\n')[1].ShouldStartWith("  \"id\"", customMessage: path);
        }
    }

    [Fact]
    public void AMissingMapsDirectoryIsAClearErrorAndWritesNothing()
    {
        var output = Directory.CreateTempSubdirectory("guides-");
        try
        {
            var missing = Path.Combine(output.FullName, "no-such-maps");
            var error = Should.Throw<GuideSourceException>(() => GuideConversion.ConvertAll(missing));
            error.Message.ShouldContain("no-such-maps");
            output.EnumerateFiles().ShouldBeEmpty();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void AMissingTransactionMapIsNamedInTheError()
    {
        var maps = GuideFiles.Pyx12Maps();
        if (maps is null)
        {
            Assert.Skip("shared/reference/pyx12-maps is not beside this repository.");
        }

        var partial = Directory.CreateTempSubdirectory("pyx12-partial-");
        try
        {
            File.Copy(Path.Combine(maps, "dataele.xml"), Path.Combine(partial.FullName, "dataele.xml"));
            var error = Should.Throw<GuideSourceException>(() => GuideConversion.ConvertAll(partial.FullName));
            error.Message.ShouldContain("837.5010.X222.A1.xml");
        }
        finally
        {
            partial.Delete(recursive: true);
        }
    }
}
