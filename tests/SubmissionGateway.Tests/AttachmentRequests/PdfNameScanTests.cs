using System.Text;
using Shouldly;
using SubmissionGateway.AttachmentRequests;

namespace SubmissionGateway.Tests.AttachmentRequests;

public sealed class PdfNameScanTests
{
    [Theory]
    [InlineData("<< /S /JavaScript /JS (app.alert(1)) >>")]
    [InlineData("<< /OpenAction << /JS 12 0 R >> >>")]
    [InlineData("trailer << /JavaScript")]
    public void A_script_name_is_found_wherever_the_pieces_split_it(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var scan = new PdfNameScan();
            scan.Append(bytes.AsSpan(0, split));
            scan.Append(bytes.AsSpan(split));
            scan.Complete();
            scan.JavaScript.ShouldBeTrue($"split at {split}");
            scan.Encrypt.ShouldBeFalse();
        }
    }

    [Fact]
    public void A_longer_name_that_starts_like_a_refused_one_is_not_refused_even_across_pieces()
    {
        var bytes = "<< /JSomething 1 /EncryptMetadataX 2 /EmbeddedFilesList 3 >>"u8.ToArray();
        for (var split = 0; split <= bytes.Length; split++)
        {
            var scan = new PdfNameScan();
            scan.Append(bytes.AsSpan(0, split));
            scan.Append(bytes.AsSpan(split));
            scan.Complete();
            (scan.JavaScript || scan.Encrypt || scan.EmbeddedFiles).ShouldBeFalse($"split at {split}");
        }
    }

    [Fact]
    public void Names_far_apart_in_a_large_document_are_each_found()
    {
        var bytes = new byte[300_000];
        bytes.AsSpan().Fill((byte)'x');
        "/Encrypt "u8.CopyTo(bytes.AsSpan(65_530));
        "/EmbeddedFiles]"u8.CopyTo(bytes.AsSpan(200_000));
        var scan = new PdfNameScan();
        foreach (var piece in bytes.Chunk(7_919))
        {
            scan.Append(piece);
        }

        scan.Complete();
        scan.Encrypt.ShouldBeTrue();
        scan.EmbeddedFiles.ShouldBeTrue();
        scan.JavaScript.ShouldBeFalse();
    }
}
