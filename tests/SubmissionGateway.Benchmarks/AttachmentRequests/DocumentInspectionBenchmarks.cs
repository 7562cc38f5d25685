using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SubmissionGateway.AttachmentRequests;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SubmissionGateway.Benchmarks.AttachmentRequests;

/// <summary>
/// What an accepted PDF costs at upload: magic bytes, the byte scan, PdfPig's parse and object walk, and the
/// metadata-free rewrite, beside a SHA-256 of the same bytes (the least any upload does) in the same run.
/// </summary>
[MemoryDiagnoser]
public class DocumentInspectionBenchmarks
{
    private byte[] _pdf = [];

    [Params(10, 100)]
    public int Pages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Author = "Synthetic Author";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var page = 0; page < Pages; page++)
        {
            var p = builder.AddPage(612, 792);
            for (var line = 0; line < 40; line++)
            {
                p.AddText($"Synthetic progress note line {line} for an invented patient, page {page + 1}.", 10, new PdfPoint(50, 750 - (line * 17)), font);
            }
        }

        _pdf = builder.Build();
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfUpload() => SHA256.HashData(_pdf);

    [Benchmark]
    public int InspectAndRewrite()
    {
        var inspected = DocumentInspector.Inspect("note.pdf", _pdf, DocumentFormats.Pdf);
        return inspected.Refusal is null ? inspected.Content.Length : throw new InvalidOperationException(inspected.Refusal.Detail);
    }
}
