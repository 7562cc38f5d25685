using Shouldly;
using SubmissionGateway.AttachmentRequests;

namespace SubmissionGateway.Tests.AttachmentRequests;

/// <summary>
/// What ordinary tools write (Chromium's print to PDF, Ghostscript, qpdf's object streams and linearization) is
/// accepted with its pages counted, on the streamed path and in memory, and what is stored passes the inspection again:
/// the checks that refuse damaged PDFs must not refuse these (see Producers/README.md for how each was made).
/// </summary>
public sealed class PdfProducerTests : IAsyncLifetime
{
    private RequestsFixture _f = null!;

    public async ValueTask InitializeAsync() => _f = await RequestsFixture.CreateAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _f.DisposeAsync();

    public static TheoryData<string, int> Produced() => new()
    {
        { "chromium-skia.pdf", 1 },
        { "ghostscript-pdf17.pdf", 1 },
        { "qpdf-object-streams.pdf", 1 },
        { "qpdf-linearized.pdf", 1 },
        { "ghostscript-two-pages.pdf", 2 },
    };

    [Theory]
    [MemberData(nameof(Produced))]
    public async Task A_pdf_from_a_common_producer_is_accepted_and_its_stored_copy_passes_again(string file, int pages)
    {
        var pdf = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "AttachmentRequests", "Producers", file), TestContext.Current.CancellationToken);

        var streamed = await _f.UploadAsync(await _f.CreateAsync(), pdf);
        var inMemory = DocumentInspector.Inspect(file, pdf, DocumentFormats.Pdf);

        streamed.Accepted.ShouldBeTrue(streamed.Refusal?.Detail);
        streamed.Document!.PageCount.ShouldBe(pages);
        inMemory.Refusal.ShouldBeNull(inMemory.Refusal?.Detail);
        inMemory.PageCount.ShouldBe(pages);
        var stored = await _f.ReadStoredAsync(streamed.Document.AttachmentId);
        var again = DocumentInspector.Inspect(file, stored, DocumentFormats.Pdf);
        again.Refusal.ShouldBeNull(again.Refusal?.Detail);
        again.PageCount.ShouldBe(pages);
    }
}
