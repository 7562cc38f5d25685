using System.Xml.Linq;
using SubmissionGateway.GuideConverter.Authored;
using SubmissionGateway.GuideConverter.Model;
using SubmissionGateway.GuideConverter.Output;
using SubmissionGateway.GuideConverter.Pyx12;

namespace SubmissionGateway.GuideConverter;

/// <summary>Produces every schemas/x12 file: the pyx12-derived guides, then the authored ones.</summary>
public static class GuideConversion
{
    /// <summary>Converts everything in memory; returns (file name, bytes) in a stable order.</summary>
    public static IReadOnlyList<(string File, byte[] Bytes)> ConvertAll(string mapsDirectory)
    {
        if (!Directory.Exists(mapsDirectory))
        {
            throw new GuideSourceException($"pyx12 maps directory '{mapsDirectory}' does not exist.");
        }

        var dataElements = DataElementCatalog.Load(Path.Combine(mapsDirectory, "dataele.xml"));
        var documents = new List<GuideDocument>();
        foreach (var spec in Pyx12Guides.All)
        {
            documents.Add(FromPyx12(spec, mapsDirectory, dataElements));
        }

        documents.AddRange(AuthoredGuides.BuildAll(dataElements, documents));

        return documents
            .Select(d => ($"{d.Id}.json", GuideJsonWriter.ToUtf8(d)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Writes each file through a temporary name so a failure never leaves a half-written guide.</summary>
    public static void WriteAll(IReadOnlyList<(string File, byte[] Bytes)> guides, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        foreach (var (file, bytes) in guides)
        {
            var target = Path.Combine(outputDirectory, file);
            var temporary = target + ".tmp";
            try
            {
                File.WriteAllBytes(temporary, bytes);
                File.Move(temporary, target, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }
    }

    public static GuideDocument FromPyx12(Pyx12GuideSpec spec, string mapsDirectory, DataElementCatalog dataElements)
    {
        var path = Path.Combine(mapsDirectory, spec.MapFile);
        if (!File.Exists(path))
        {
            throw new GuideSourceException($"pyx12 map '{path}' does not exist.");
        }

        var transaction = new Pyx12MapReader(dataElements, path).ReadTransaction(XDocument.Load(path));
        CompositeCatalog.FillNotUsed(transaction, dataElements);
        foreach (var correction in spec.Corrections)
        {
            correction.Apply(transaction);
        }

        return new GuideDocument
        {
            Id = spec.Id,
            TransactionSet = spec.TransactionSet,
            FunctionalGroup = spec.FunctionalGroup,
            Name = spec.Name,
            Errata = spec.Errata,
            Source = spec.Source,
            Transaction = transaction,
        };
    }
}
