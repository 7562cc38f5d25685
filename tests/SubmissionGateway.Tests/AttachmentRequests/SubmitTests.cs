using System.Security.Cryptography;
using System.Text;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.X12.Validation;
using UglyToad.PdfPig;

namespace SubmissionGateway.Tests.AttachmentRequests;

public sealed class SubmitTests : IAsyncLifetime
{
    private RequestsFixture _f = null!;

    public async ValueTask InitializeAsync() => _f = await RequestsFixture.CreateAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task An_accepted_pdf_is_stored_without_its_information_dictionary_or_xmp()
    {
        var original = SyntheticPdf.WithMetadata(pages: 3);
        Encoding.Latin1.GetString(original).ShouldContain(SyntheticPdf.Author);
        Encoding.Latin1.GetString(original).ShouldContain(SyntheticPdf.XmpMarker);
        var request = await _f.CreateAsync();

        var result = await _f.UploadAsync(request, original);

        result.Accepted.ShouldBeTrue(result.Refusal?.Detail);
        var document = result.Document!;
        document.PageCount.ShouldBe(3);
        var stored = await _f.ReadStoredAsync(document.AttachmentId);
        var text = Encoding.Latin1.GetString(stored);
        text.ShouldNotContain(SyntheticPdf.Author);
        text.ShouldNotContain(SyntheticPdf.Producer);
        text.ShouldNotContain(SyntheticPdf.XmpMarker);
        text.ShouldNotContain("/Metadata");
        document.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(stored)));
        document.Size.ShouldBe(stored.Length);
        using var reopened = PdfDocument.Open(stored);
        reopened.NumberOfPages.ShouldBe(3);
        reopened.GetPage(2).Text.ShouldContain("Synthetic page 2");
    }

    [Fact]
    public async Task A_builder_pdf_loses_its_author_and_producer()
    {
        var request = await _f.CreateAsync();
        var result = await _f.UploadAsync(request, SyntheticPdf.FromBuilder());
        result.Accepted.ShouldBeTrue(result.Refusal?.Detail);
        var text = Encoding.Latin1.GetString(await _f.ReadStoredAsync(result.Document!.AttachmentId));
        text.ShouldNotContain(SyntheticPdf.Author);
        text.ShouldNotContain(SyntheticPdf.Producer);
    }

    [Fact]
    public async Task Upload_then_submit_records_one_ledger_entry_and_queues_one_valid_275()
    {
        var request = await _f.CreateAsync();
        var note = await _f.UploadAsync(request, SyntheticPdf.WithMetadata());
        var summary = await _f.UploadAsync(request, SyntheticPdf.FromBuilder(), loinc: RequestsFixture.DischargeSummary, fileName: "summary.pdf");
        note.Accepted.ShouldBeTrue(note.Refusal?.Detail);
        summary.Accepted.ShouldBeTrue(summary.Refusal?.Detail);

        var submitted = await _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, TestContext.Current.CancellationToken);

        submitted.Accepted.ShouldBeTrue(submitted.Refusal?.Detail);
        var outbox = (await _f.OutboxAsync()).ShouldHaveSingleItem();
        outbox.TransactionType.ShouldBe("275");
        outbox.PayerId.ShouldBe("SGWPAYER01");
        var entry = (await _f.LedgerAsync()).ShouldHaveSingleItem();
        entry.Sequence.ShouldBe(outbox.DisclosureSequence);
        entry.Purpose.ShouldBe(DisclosurePurpose.PayerRequestResponse);
        entry.Actor.ShouldBe(RequestsFixture.Coder);
        var described = DisclosedContent.FromJson(entry.Description);
        described.Documents.Select(d => d.LoincCode).ShouldBe([RequestsFixture.OperativeNote, RequestsFixture.DischargeSummary]);
        described.Documents.Select(d => d.Sha256).ShouldBe([note.Document!.Sha256, summary.Document!.Sha256]);
        described.Documents.Select(d => d.Size).ShouldBe([note.Document.Size, summary.Document.Size]);
        described.ClaimIds.ShouldContain(RequestsFixture.ClaimId);

        // The stored 275 is what the outbox will send: it validates and carries each sanitized document byte for byte.
        var x12 = await _f.ReadStoredAsync(outbox.PayloadReference);
        outbox.PayloadSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(x12)));
        var report = new X12Validator().Validate(new MemoryStream(x12), TestContext.Current.CancellationToken);
        report.Accepted.ShouldBeTrue(string.Join("; ", report.Findings.Select(f => f.SegmentId + ": " + f.Message)));
        var transaction = report.Transactions.ShouldHaveSingleItem();
        transaction.SetId.ShouldBe("275");
        var view = transaction.Attachment.ShouldNotBeNull();
        view.Documents.Count.ShouldBe(2);
        view.Documents.SelectMany(d => d.LoincCodes).ShouldBe([RequestsFixture.OperativeNote, RequestsFixture.DischargeSummary]);
        view.TraceNumber.ShouldBe("RFAI-0001");
        view.IsSolicited.ShouldBeTrue();
        var noteBytes = await _f.ReadStoredAsync(note.Document.AttachmentId);
        x12.AsSpan().IndexOf(noteBytes).ShouldBeGreaterThan(0);
        var text = Encoding.Latin1.GetString(x12);
        text.ShouldContain("STC*R4:11504-8::LOI~");
        text.ShouldContain("TRN*2*RFAI-0001~");
        text.ShouldContain("REF*EJ*" + RequestsFixture.ClaimId + "~");
        text.ShouldNotContain(SyntheticPdf.Author);

        var found = await _f.Service.FindAsync(request.Id, TestContext.Current.CancellationToken);
        found!.State.ShouldBe(SubmissionGateway.AttachmentRequests.AttachmentRequestState.Submitted);
        var again = await _f.UploadAsync(request, SyntheticPdf.FromBuilder(), loinc: RequestsFixture.OperativeNote);
        again.Refusal!.Type.ShouldBe("request-not-open");
    }

    [Fact]
    public async Task A_payer_that_takes_no_275_is_refused_before_anything_is_recorded()
    {
        var request = await _f.CreateAsync(RequestsFixture.Draft(payerId: "CLAIMSONLY"));
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();
        var storedBefore = (await _f.StoredAsync()).Count;

        var submitted = await _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, TestContext.Current.CancellationToken);

        submitted.Accepted.ShouldBeFalse();
        submitted.Refusal!.Type.ShouldBe("payer-refuses-275");
        submitted.Refusal.Detail.ShouldContain("275");
        (await _f.StoredAsync()).Count.ShouldBe(storedBefore);
        (await _f.LedgerAsync()).ShouldBeEmpty();
        (await _f.OutboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_appeal_goes_as_an_unsolicited_275_recorded_for_the_appeal()
    {
        var request = await _f.CreateAsync(RequestsFixture.Draft() with
        {
            Purpose = SubmissionGateway.AttachmentRequests.AttachmentRequestPurpose.Appeal,
            PayerRequestNumber = null,
            ServiceDateTo = RequestsFixture.ServiceDate,
        });
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();

        var submitted = await _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, TestContext.Current.CancellationToken);

        submitted.Accepted.ShouldBeTrue(submitted.Refusal?.Detail);
        (await _f.LedgerAsync()).ShouldHaveSingleItem().Purpose.ShouldBe(DisclosurePurpose.Appeal);
        var x12 = await _f.ReadStoredAsync((await _f.OutboxAsync()).Single().PayloadReference);
        var report = new X12Validator().Validate(new MemoryStream(x12), TestContext.Current.CancellationToken);
        report.Accepted.ShouldBeTrue(string.Join("; ", report.Findings.Select(f => f.SegmentId + ": " + f.Message)));
        var view = report.Transactions.Single().Attachment.ShouldNotBeNull();
        view.IsSolicited.ShouldBeFalse();
        view.TraceNumber.ShouldBe(submitted.AttachmentControlNumber);
        var text = Encoding.Latin1.GetString(x12);
        text.ShouldContain("BGN*02*" + submitted.AttachmentControlNumber + "*");
        text.ShouldContain("DTP*472*D8*20260211~");
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_request_disclose_once()
    {
        var request = await _f.CreateAsync();
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, TestContext.Current.CancellationToken))));

        results.Count(r => r.Accepted).ShouldBe(1);
        (await _f.LedgerAsync()).ShouldHaveSingleItem();
        (await _f.OutboxAsync()).ShouldHaveSingleItem();
        (await _f.StoredAsync()).Count.ShouldBe(2); // the document and the one 275
    }

    [Fact]
    public async Task A_275_over_the_payer_size_limit_leaves_the_request_open_and_nothing_recorded()
    {
        var request = await _f.CreateAsync(RequestsFixture.Draft(payerId: "SMALLPAYER"));
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();

        var submitted = await _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, TestContext.Current.CancellationToken);

        submitted.Refusal!.Type.ShouldBe("payer-refuses-275");
        (await _f.StoredAsync()).Count.ShouldBe(1);
        (await _f.LedgerAsync()).ShouldBeEmpty();
        (await _f.OutboxAsync()).ShouldBeEmpty();
        (await _f.Service.FindAsync(request.Id, TestContext.Current.CancellationToken))!.State
            .ShouldBe(SubmissionGateway.AttachmentRequests.AttachmentRequestState.Open);
    }

    [Fact]
    public async Task Someone_other_than_the_assigned_coder_cannot_submit_and_is_told_the_request_does_not_exist()
    {
        var request = await _f.CreateAsync();
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();
        var submitted = await _f.Service.SubmitAsync(request.Id, "coder-rowan", TestContext.Current.CancellationToken);
        var missing = await _f.Service.SubmitAsync("no-such-request", "coder-rowan", TestContext.Current.CancellationToken);
        submitted.Refusal!.Type.ShouldBe("request-not-found");
        submitted.Refusal.Title.ShouldBe(missing.Refusal!.Title);
        submitted.Refusal.Detail.ShouldBe(missing.Refusal.Detail.Replace("no-such-request", request.Id, StringComparison.Ordinal));
        (await _f.StoredAsync()).Count.ShouldBe(1);
        (await _f.LedgerAsync()).ShouldBeEmpty();
        (await _f.OutboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_outbox_reads_the_275_back_through_the_store()
    {
        var request = await _f.CreateAsync();
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();
        var submitted = await _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, TestContext.Current.CancellationToken);
        var outbox = (await _f.OutboxAsync()).ShouldHaveSingleItem();
        var source = new SubmissionGateway.Forwarding.AttachmentPayloadSource(_f.Store);
        var bytes = await source.ReadAsync(outbox.PayloadReference, TestContext.Current.CancellationToken);
        bytes.Length.ShouldBe((int)submitted.Size);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(submitted.Sha256);
    }
}
