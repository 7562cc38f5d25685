using System.Security.Cryptography;
using System.Text;
using Shouldly;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Protection.Envelope;
using UglyToad.PdfPig;

namespace SubmissionGateway.Tests.AttachmentRequests;

public sealed class EncryptedSpoolTests
{
    [Fact]
    public void What_is_written_reads_back_from_any_position_and_the_file_holds_only_ciphertext()
    {
        var folder = Directory.CreateTempSubdirectory("sgw-spool-").FullName;
        try
        {
            var content = new byte[200_000];
            RandomNumberGenerator.Fill(content);
            "TESTPATIENT, JANE Q"u8.CopyTo(content.AsSpan(70_000));
            using var spool = EncryptedSpool.Create(folder);
            spool.Write(content.AsSpan(0, 1000));
            spool.Write(content.AsSpan(1000));
            spool.Seal();

            var file = Directory.GetFiles(folder).ShouldHaveSingleItem();
            var onDisk = ReadShared(file);
            onDisk.AsSpan().IndexOf("TESTPATIENT"u8).ShouldBe(-1);
            spool.Length.ShouldBe(content.Length);

            var all = new byte[content.Length];
            spool.ReadExactly(all);
            all.ShouldBe(content);
            spool.Read(new byte[10]).ShouldBe(0);

            foreach (var at in new[] { 199_999L, 65_535, 65_536, 0, 131_000 })
            {
                spool.Position = at;
                spool.ReadByte().ShouldBe(content[at]);
            }

            spool.Seek(-10, SeekOrigin.End);
            var tail = new byte[10];
            spool.ReadExactly(tail);
            tail.ShouldBe(content[^10..]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_file_is_gone_once_the_spool_is_disposed()
    {
        var folder = Directory.CreateTempSubdirectory("sgw-spool-").FullName;
        try
        {
            using (var spool = EncryptedSpool.Create(folder))
            {
                spool.Write(new byte[100]);
                spool.Seal();
                Directory.GetFiles(folder).Length.ShouldBe(1);
            }

            Directory.GetFiles(folder).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_altered_region_fails_to_read_instead_of_reading_wrong_bytes()
    {
        var folder = Directory.CreateTempSubdirectory("sgw-spool-").FullName;
        try
        {
            using var spool = EncryptedSpool.Create(folder);
            spool.Write(new byte[100_000]);
            spool.Seal();
            var file = Directory.GetFiles(folder).ShouldHaveSingleItem();
            using (var raw = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            {
                raw.Position = 70_000;
                var b = raw.ReadByte();
                raw.Position = 70_000;
                raw.WriteByte((byte)(b ^ 1));
            }

            var head = new byte[1000];
            spool.ReadExactly(head); // the first region is untouched
            spool.Position = 80_000;
            Should.Throw<EnvelopeException>(() => spool.ReadByte());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_pdf_is_judged_and_rewritten_from_spools_as_from_memory()
    {
        var original = SyntheticPdf.WithMetadata(pages: 3);
        using var upload = EncryptedSpool.Create();
        upload.Write(original);
        upload.Seal();
        using var rewrite = EncryptedSpool.Create();

        var (pages, refusal) = DocumentInspector.InspectPdf(upload, rewrite);

        refusal.ShouldBeNull(refusal?.Detail);
        pages.ShouldBe(3);
        rewrite.Seal();
        var rewritten = new byte[rewrite.Length];
        rewrite.ReadExactly(rewritten);
        var text = Encoding.Latin1.GetString(rewritten);
        text.ShouldNotContain(SyntheticPdf.Author);
        text.ShouldNotContain(SyntheticPdf.XmpMarker);
        using var reopened = PdfDocument.Open(rewritten);
        reopened.NumberOfPages.ShouldBe(3);
        reopened.GetPage(2).Text.ShouldContain("Synthetic page 2");
        DocumentInspector.Inspect("note.pdf", original, DocumentFormats.Pdf).Content.ToArray().Length.ShouldBe(rewritten.Length);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
