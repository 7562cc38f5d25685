using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SubmissionGateway.Claims;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Retention;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SubmissionGateway.Tests.Intake;

public sealed class SubmissionIntakeTests
{
    private const string Submitter = "SGWDEMOBILLING";

    private static readonly X12Validator Validator = new(options: new X12ValidatorOptions { CodeSets = CodeSetCatalog.BuiltIn });

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1024 * 1024)]
    public async Task A_body_kept_in_memory_or_streamed_through_the_store_gets_the_same_answer_and_the_same_stored_original(int inMemoryBodyLimit)
    {
        // 0: every body streams through the store; 100: the start is read, the rest streamed behind it; 1 MiB: the
        // sample is validated and re-enveloped from memory while its encrypted original is stored.
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct, o => o.InMemoryBodyLimit = inMemoryBodyLimit);
        var posted = await File.ReadAllBytesAsync(X12Files.OfficeVisit, ct);

        var result = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "post-1", ct);

        result.Claims.Select(c => (c.ClaimId, c.Accepted, c.Forwarded)).ShouldBe([("SGW-CLAIM-0001", true, true), ("SGW-CLAIM-0002", true, true)]);
        Encoding.Latin1.GetString(result.Acknowledgment).ShouldContain("AK9*A*1*1*1");
        await using (var db = fixture.Database.Factory.CreateDbContext())
        {
            var submission = await db.Set<Submission>().SingleAsync(ct);
            (await fixture.ReadStoredAsync(submission.OriginalPayload, ct)).ShouldBe(posted, "the encrypted original is the posted bytes, whole");
            submission.BodySha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(posted)));
        }

        var outbox = (await fixture.OutboxAsync(ct)).ShouldHaveSingleItem();
        Convert.ToHexStringLower(SHA256.HashData(await fixture.ReadStoredAsync(outbox.PayloadReference, ct))).ShouldBe(outbox.PayloadSha256,
            "the hash recorded from the store's receipt is the hash of what the worker will read");
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(2, "the original and the payer's interchange");
        (await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "post-1", ct)).Replayed.ShouldBeTrue();
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(2, "a replay's copy of the body is shredded");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_sample_is_acknowledged_indexed_recorded_and_queued_for_its_payer(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);

        var result = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "post-1", ct);

        result.Replayed.ShouldBeFalse();
        result.InterchangeControlNumber.ShouldBe("000000101");
        Encoding.Latin1.GetString(result.Acknowledgment).ShouldContain("AK9*A*1*1*1");
        Encoding.Latin1.GetString(result.ClaimAcknowledgment).ShouldContain("ST*277*");
        result.Claims.Select(c => (c.ClaimId, c.Accepted, c.Forwarded)).ShouldBe([("SGW-CLAIM-0001", true, true), ("SGW-CLAIM-0002", true, true)]);

        var forward = result.Forwards.ShouldHaveSingleItem();
        forward.PayerId.ShouldBe("SGWPAYER01");
        forward.ClaimIds.ShouldBe(["SGW-CLAIM-0001", "SGW-CLAIM-0002"]);

        var outbox = (await fixture.OutboxAsync(ct)).ShouldHaveSingleItem();
        outbox.PayerId.ShouldBe("SGWPAYER01");
        outbox.TransactionType.ShouldBe("837");
        outbox.PayloadReference.ShouldBe(forward.PayloadReference);
        outbox.IdempotencyKey.ShouldBe(forward.ForwardKey);

        // What the worker will send is what the ledger describes: same bytes, same hash, our envelope.
        var payload = await fixture.ReadStoredAsync(outbox.PayloadReference, ct);
        Convert.ToHexStringLower(SHA256.HashData(payload)).ShouldBe(outbox.PayloadSha256);
        var text = Encoding.Latin1.GetString(payload);
        text.ShouldStartWith("ISA*00*          *00*          *ZZ*SGWGATEWAY     *ZZ*SGWPAYER01     *");
        text.ShouldContain($"*00501*{forward.InterchangeControlNumber}*");
        forward.InterchangeControlNumber.ShouldNotBe("000000101");
        AssertValid(payload, 2);

        var entry = (await fixture.EntriesAsync(ct)).ShouldHaveSingleItem();
        entry.Sequence.ShouldBe(outbox.DisclosureSequence);
        entry.Purpose.ShouldBe(DisclosurePurpose.Payment);
        entry.SubmissionId.ShouldBe(result.SubmissionId);
        entry.Actor.ShouldBe(Submitter);
        var described = DisclosedContent.FromJson(entry.Description);
        described.ClaimIds.ShouldBe(["SGW-CLAIM-0001", "SGW-CLAIM-0002"]);
        described.ServiceDates.ShouldBe([new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 12)]);
        described.Documents.ShouldHaveSingleItem().Sha256.ShouldBe(outbox.PayloadSha256);
        fixture.Ledger.RevealPatient(entry).MemberId.ShouldBe("SGW00012345");

        var indexed = await fixture.Claims.FindByClaimIdAsync(Submitter, "SGW-CLAIM-0002", ct);
        indexed.ShouldHaveSingleItem().ForwardKey.ShouldBe(outbox.IdempotencyKey);
        (await fixture.Claims.FindByAttachmentControlNumberAsync("SGWATT0002", ct)).ShouldHaveSingleItem().ClaimId.ShouldBe("SGW-CLAIM-0002");
        (await fixture.CountsAsync(ct)).ShouldBe((1, 2, 1, 1));
    }

    [Fact]
    public async Task A_batch_for_two_payers_becomes_two_interchanges_each_valid_and_holding_only_its_payers_claims()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);

        var result = await fixture.SubmitFileAsync(X12Files.TwoPayers, Submitter, null, ct);

        result.Forwards.Select(f => f.PayerId).ShouldBe(["SGWPAYER01", "SGWPAYER02"]);
        var first = result.Forwards[0];
        var second = result.Forwards[1];
        first.ClaimIds.ShouldBe(["SGW-CLAIM-A1", "SGW-CLAIM-A2"]);
        second.ClaimIds.ShouldBe(["SGW-CLAIM-B1"]);
        first.InterchangeControlNumber.ShouldNotBe(second.InterchangeControlNumber);

        var one = Encoding.Latin1.GetString(await fixture.ReadStoredAsync(first.PayloadReference, ct));
        var two = Encoding.Latin1.GetString(await fixture.ReadStoredAsync(second.PayloadReference, ct));
        AssertValid(Encoding.Latin1.GetBytes(one), 2);
        AssertValid(Encoding.Latin1.GetBytes(two), 1);

        one.ShouldContain("*ZZ*SGWPAYER01     *");
        one.ShouldNotContain("SGW-CLAIM-B1");
        one.ShouldNotContain("EXAMPLECHILD");
        one.ShouldNotContain("SGWPAYER02");
        // Two subscribers under one billing provider, renumbered, neither with a patient loop.
        one.ShouldContain("HL*1**20*1~");
        one.ShouldContain("HL*2*1*22*0~");
        one.ShouldContain("HL*3*1*22*0~");

        two.ShouldContain("*ZZ*SGWPAYER02     *");
        two.ShouldNotContain("SGW-CLAIM-A");
        two.ShouldNotContain("TESTPATIENT");
        two.ShouldNotContain("SAMPLEPERSON");
        // The dependent keeps the whole chain: billing provider, subscriber with a child, patient.
        two.ShouldContain("HL*1**20*1~");
        two.ShouldContain("HL*2*1*22*1~");
        two.ShouldContain("HL*3*2*23*0~");
        two.ShouldContain("PWK*OZ*EL***AC*SGWATTB001~");

        // One ledger entry per patient disclosed; one outbox item per payer payload.
        var entries = await fixture.EntriesAsync(ct);
        entries.Count.ShouldBe(3);
        entries.Count(e => e.PayerId == "SGWPAYER01").ShouldBe(2);
        first.DisclosureSequences.Count.ShouldBe(2);
        var dependent = entries.Where(e => e.PayerId == "SGWPAYER02").ShouldHaveSingleItem();
        fixture.Ledger.RevealPatient(dependent).Name.ShouldBe("EXAMPLECHILD, SAM");
        fixture.Ledger.RevealPatient(dependent).MemberId.ShouldBe("RVR55501234");
        var outbox = await fixture.OutboxAsync(ct);
        outbox.Select(o => o.PayerId).ShouldBe(["SGWPAYER01", "SGWPAYER02"]);
    }

    [Fact]
    public async Task The_outbox_worker_delivers_each_payers_interchange_from_the_store_and_records_the_outcome()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);
        fixture.Payers.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("RECEIVED"));
        var result = await fixture.SubmitFileAsync(X12Files.TwoPayers, Submitter, null, ct);
        fixture.Payers.LogEntries.ShouldBeEmpty("submitting records and queues; only the worker sends");
        var claim = (await fixture.Claims.FindByClaimIdAsync(Submitter, "SGW-CLAIM-B1", ct)).ShouldHaveSingleItem();
        (await fixture.Claims.DeliveryStatusAsync(claim, ct)).ShouldBe(ClaimDeliveryStatus.Queued);

        (await fixture.Worker.RunOnceAsync(ct)).ShouldBe(2);

        foreach (var forward in result.Forwards)
        {
            var path = forward.PayerId == "SGWPAYER01" ? "/sandbox" : "/riverbend";
            var request = fixture.Payers.LogEntries.Select(l => l.RequestMessage!).Single(r => r.Path == path);
            request.Headers!["Idempotency-Key"].ShouldHaveSingleItem().ShouldBe(forward.ForwardKey);
            request.Body.ShouldBe(Encoding.Latin1.GetString(await fixture.ReadStoredAsync(forward.PayloadReference, ct)));
        }

        (await fixture.OutboxAsync(ct)).ShouldAllBe(o => o.Status == OutboxStatus.Delivered);
        (await fixture.Claims.DeliveryStatusAsync(claim, ct)).ShouldBe(ClaimDeliveryStatus.Delivered);
        // The delivered interchanges, kept in the database, started their retention clock with the outcome.
        await using (var db = fixture.Database.Factory.CreateDbContext())
        {
            var references = result.Forwards.Select(f => f.PayloadReference).ToList();
            var payloads = await db.Set<InlinePayload>().Where(p => references.Contains(p.Id)).ToListAsync(ct);
            payloads.Count.ShouldBe(2);
            payloads.ShouldAllBe(p => p.DeliveryFinishedAt != null);
        }

        // Every patient disclosed gets the outcome in their accounting, including both patients sharing SGWPAYER01's payload.
        var outcomes = (await fixture.EntriesAsync(ct)).Where(e => e.Kind == DisclosureEntryKind.DeliveryOutcome).ToList();
        outcomes.Select(e => e.Outcome).ShouldBe(["Delivered", "Delivered", "Delivered"]);
        outcomes.Select(e => e.RefersToSequence!.Value).Order().ShouldBe(result.Forwards.SelectMany(f => f.DisclosureSequences).Order());
    }

    [Fact]
    public async Task A_claim_failing_a_snip_3_edit_is_rejected_and_only_the_other_is_forwarded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);

        var result = await fixture.SubmitFileAsync(X12Files.ChargeImbalance, Submitter, null, ct);

        var rejected = result.Claims.Where(c => c.ClaimId == "SGW-CLAIM-0001").ShouldHaveSingleItem();
        rejected.Accepted.ShouldBeFalse();
        rejected.Forwarded.ShouldBeFalse();
        rejected.Reasons.ShouldNotBeEmpty();
        result.Claims.Where(c => c.ClaimId == "SGW-CLAIM-0002").ShouldHaveSingleItem().Forwarded.ShouldBeTrue();
        Encoding.Latin1.GetString(result.ClaimAcknowledgment).ShouldContain("A3:400");

        var forward = result.Forwards.ShouldHaveSingleItem();
        forward.ClaimIds.ShouldBe(["SGW-CLAIM-0002"]);
        var payload = await fixture.ReadStoredAsync(forward.PayloadReference, ct);
        Encoding.Latin1.GetString(payload).ShouldNotContain("SGW-CLAIM-0001");
        AssertValid(payload, 1);
        (await fixture.Claims.FindByClaimIdAsync(Submitter, "SGW-CLAIM-0001", ct)).ShouldBeEmpty();
        DisclosedContent.FromJson((await fixture.EntriesAsync(ct)).ShouldHaveSingleItem().Description).ClaimIds.ShouldBe(["SGW-CLAIM-0002"]);
    }

    [Theory]
    [InlineData("other-delimiters", "ISA|00|")]
    [InlineData("bom-crlf", "ISA*00*")]
    public async Task Claims_are_found_by_offset_and_re_enveloped_whatever_the_delimiters_and_line_breaks(string file, string start)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);

        var result = await fixture.SubmitFileAsync(file == "bom-crlf" ? X12Files.BomCrLf : X12Files.OtherDelimiters, Submitter, null, ct);

        result.Claims.Count.ShouldBe(2);
        result.Claims.ShouldAllBe(c => c.Accepted && c.Forwarded);
        var payload = await fixture.ReadStoredAsync(result.Forwards.ShouldHaveSingleItem().PayloadReference, ct);
        Encoding.Latin1.GetString(payload).ShouldStartWith(start);
        AssertValid(payload, 2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_same_bytes_under_the_same_idempotency_key_return_the_first_answer_and_record_nothing_new(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        var first = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "retry-42", ct);
        var counts = await fixture.CountsAsync(ct);
        var stored = await fixture.StoredPayloadCountAsync(ct);

        var second = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "retry-42", ct);

        second.Replayed.ShouldBeTrue();
        second.SubmissionId.ShouldBe(first.SubmissionId);
        second.InterchangeControlNumber.ShouldBe("000000101");
        second.Acknowledgment.ShouldBe(first.Acknowledgment);
        second.Forwards.Select(f => (f.PayerId, f.ForwardKey)).ShouldBe(first.Forwards.Select(f => (f.PayerId, f.ForwardKey)));
        (await fixture.CountsAsync(ct)).ShouldBe(counts);
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_different_body_under_a_used_idempotency_key_is_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        var first = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "retry-42", ct);
        var counts = await fixture.CountsAsync(ct);
        var stored = await fixture.StoredPayloadCountAsync(ct);

        // Another interchange (its own ISA13) under the key: answering the first file's result would lose this one.
        var refused = await Should.ThrowAsync<SubmissionRefusedException>(
            () => fixture.SubmitFileAsync(X12Files.TwoPayers, Submitter, "retry-42", ct));

        refused.Reason.ShouldBe(SubmissionRefusal.IdempotencyKeyReused);
        refused.Message.ShouldContain("Idempotency-Key");
        refused.Message.ShouldContain(first.SubmissionId);
        (await fixture.CountsAsync(ct)).ShouldBe(counts);
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(stored);
        (await fixture.Claims.FindByClaimIdAsync(Submitter, "SGW-CLAIM-A1", ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_same_interchange_control_number_and_bytes_from_the_same_submitter_return_the_first_answer(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        var first = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, null, ct);
        var counts = await fixture.CountsAsync(ct);
        var stored = await fixture.StoredPayloadCountAsync(ct);

        var second = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "a-new-key", ct);

        second.Replayed.ShouldBeTrue();
        second.SubmissionId.ShouldBe(first.SubmissionId);
        second.ClaimAcknowledgment.ShouldBe(first.ClaimAcknowledgment);
        (await fixture.CountsAsync(ct)).ShouldBe(counts);
        (await fixture.EntriesAsync(ct)).Count.ShouldBe(1);
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_corrected_file_under_a_used_interchange_control_number_is_refused_and_nothing_is_stored_recorded_or_queued(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        var first = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, null, ct);
        var counts = await fixture.CountsAsync(ct);
        var stored = await fixture.StoredPayloadCountAsync(ct);
        var outbox = await fixture.OutboxAsync(ct);

        // Same ISA13, one claim id corrected: a valid file the first answer says nothing about.
        var corrected = (await File.ReadAllTextAsync(X12Files.OfficeVisit, Encoding.Latin1, ct)).Replace("SGW-CLAIM-0002", "SGW-CLAIM-0009", StringComparison.Ordinal);
        var refused = await Should.ThrowAsync<SubmissionRefusedException>(
            () => fixture.Intake.SubmitAsync(new MemoryStream(Encoding.Latin1.GetBytes(corrected)), Submitter, "another-key", ct));

        refused.Reason.ShouldBe(SubmissionRefusal.InterchangeReused);
        refused.Message.ShouldContain("ISA13");
        refused.Message.ShouldContain("000000101");
        refused.Message.ShouldContain(first.SubmissionId);
        (await fixture.CountsAsync(ct)).ShouldBe(counts);
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(stored);
        (await fixture.OutboxAsync(ct)).Select(o => o.Id).ShouldBe(outbox.Select(o => o.Id));
        (await fixture.Claims.FindByClaimIdAsync(Submitter, "SGW-CLAIM-0009", ct)).ShouldBeEmpty();

        // A truncated resend (the file cut before its IEA) is not the same bytes either.
        var bytes = await File.ReadAllBytesAsync(X12Files.OfficeVisit, ct);
        var truncated = await Should.ThrowAsync<SubmissionRefusedException>(
            () => fixture.Intake.SubmitAsync(new MemoryStream(bytes[..(bytes.Length - 20)]), Submitter, null, ct));
        truncated.Reason.ShouldBeOneOf(SubmissionRefusal.InterchangeReused, SubmissionRefusal.Unreadable);
        (await fixture.CountsAsync(ct)).ShouldBe(counts);
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_small_submissions_original_and_payer_interchange_are_sealed_into_its_ledger_transaction_not_into_files(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);

        var result = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "inline-1", ct);

        var forward = result.Forwards.ShouldHaveSingleItem();
        await using var db = fixture.Database.Factory.CreateDbContext();
        var rows = await db.Set<InlinePayload>().AsNoTracking().ToListAsync(ct);
        var submission = await db.Set<Submission>().AsNoTracking().SingleAsync(ct);
        rows.Select(r => r.Id).Order().ShouldBe(new[] { submission.OriginalPayload, forward.PayloadReference }.Order());
        rows.Single(r => r.Id == submission.OriginalPayload).DeliveryFinishedAt!.Value.ShouldBe(result.ReceivedAt.UtcDateTime, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        rows.Single(r => r.Id == forward.PayloadReference).DeliveryFinishedAt.ShouldBeNull("its clock starts when its delivery ends");
        (await fixture.ReadStoredAsync(submission.OriginalPayload, ct)).ShouldBe(await File.ReadAllBytesAsync(X12Files.OfficeVisit, ct));
        Convert.ToHexStringLower(SHA256.HashData(await fixture.ReadStoredAsync(forward.PayloadReference, ct)))
            .ShouldBe((await fixture.OutboxAsync(ct)).ShouldHaveSingleItem().PayloadSha256);
        await foreach (var file in fixture.Store.ListAsync(ct))
        {
            throw new ShouldAssertException($"nothing should be in the file store, found {file.Id}");
        }
    }

    [Fact]
    public async Task With_inline_payloads_off_the_original_and_payer_interchange_go_to_the_file_store()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct, o => o.InlinePayloadLimit = 0);

        var result = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "files-1", ct);

        var files = new List<AttachmentId>();
        await foreach (var file in fixture.Store.ListAsync(ct))
        {
            files.Add(file.Id);
        }

        files.Select(f => f.Value).ShouldContain(result.Forwards.ShouldHaveSingleItem().PayloadReference);
        files.Count.ShouldBe(2);
        await using var db = fixture.Database.Factory.CreateDbContext();
        (await db.Set<InlinePayload>().CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_rejected_submissions_original_is_kept_for_its_answer_and_shredded_by_retention_like_a_delivered_payload()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);
        var truncated = (await File.ReadAllBytesAsync(X12Files.OfficeVisit, ct))[..300];

        var rejected = await fixture.Intake.SubmitAsync(new MemoryStream(truncated), Submitter, "cut-short", ct);

        rejected.Forwards.ShouldBeEmpty();
        Encoding.Latin1.GetString(rejected.Acknowledgment).ShouldContain("*R*023~");
        var original = await SingleStoredAsync(fixture, ct);
        original.DeliveryFinishedAt.ShouldBe(rejected.ReceivedAt);

        var time = new FakeTimeProvider(rejected.ReceivedAt.AddDays(30));
        var retention = new PayloadRetention(fixture.Payloads, Options.Create(new ProtectionOptions { RetentionDays = 30 }), time, NullLogger<PayloadRetention>.Instance);
        (await retention.SweepAsync(ct)).Shredded.ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(1));
        (await retention.SweepAsync(ct)).Shredded.ShouldBe(1);
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(0);

        // The answer lives on in the database (encrypted) and the body hash still tells a repeat from another file.
        var again = await fixture.Intake.SubmitAsync(new MemoryStream(truncated), Submitter, "cut-short", ct);
        again.Replayed.ShouldBeTrue();
        again.Acknowledgment.ShouldBe(rejected.Acknowledgment);
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(0);
    }

    private static async Task<StoredAttachment> SingleStoredAsync(IntakeFixture fixture, CancellationToken ct)
    {
        var all = new List<StoredAttachment>();
        await foreach (var stored in fixture.Payloads.ListAsync(ct))
        {
            all.Add(stored);
        }

        return all.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_submission_recorded_before_body_hashes_were_kept_is_compared_by_its_stored_original()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);
        var first = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "legacy", ct);
        await using (var db = fixture.Database.Factory.CreateDbContext())
        {
            (await db.Set<Submission>().Where(s => s.Id == first.SubmissionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.BodySha256, (string?)null), ct)).ShouldBe(1);
        }

        var same = await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, "legacy", ct);
        same.Replayed.ShouldBeTrue();
        same.SubmissionId.ShouldBe(first.SubmissionId);

        var refused = await Should.ThrowAsync<SubmissionRefusedException>(
            () => fixture.SubmitFileAsync(X12Files.TwoPayers, Submitter, "legacy", ct));
        refused.Reason.ShouldBe(SubmissionRefusal.IdempotencyKeyReused);
        (await fixture.CountsAsync(ct)).ShouldBe((1, 2, 1, 1));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_concurrent_posts_of_the_same_interchange_disclose_once(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        var bytes = await File.ReadAllBytesAsync(X12Files.OfficeVisit, ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(
            () => fixture.Intake.SubmitAsync(new MemoryStream(bytes), Submitter, null, ct), ct)));

        results.Select(r => r.SubmissionId).Distinct().ShouldHaveSingleItem();
        results.Count(r => !r.Replayed).ShouldBe(1);
        (await fixture.CountsAsync(ct)).ShouldBe((1, 2, 1, 1));
        // The losers' originals and payloads were shredded: the original and one payer payload remain.
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_concurrent_posts_of_different_files_under_one_interchange_control_number_keep_one_and_refuse_the_other(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        var bytes = await File.ReadAllBytesAsync(X12Files.OfficeVisit, ct);
        var corrected = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes).Replace("SGW-CLAIM-0002", "SGW-CLAIM-0009", StringComparison.Ordinal));

        var posts = await Task.WhenAll(new[] { bytes, corrected, bytes, corrected }.Select(body => Task.Run(async () =>
        {
            try
            {
                return (Result: await fixture.Intake.SubmitAsync(new MemoryStream(body), Submitter, null, ct), Refusal: (SubmissionRefusal?)null);
            }
            catch (SubmissionRefusedException refused)
            {
                return (Result: (SubmissionResult?)null, Refusal: (SubmissionRefusal?)refused.Reason);
            }
        }, ct)));

        // Whichever file won, the other is refused, never answered with the winner's result.
        var kept = posts.Where(p => p.Result is not null).Select(p => p.Result!).ToList();
        kept.Select(r => r.SubmissionId).Distinct().ShouldHaveSingleItem();
        kept.Count.ShouldBe(2);
        kept.Count(r => !r.Replayed).ShouldBe(1);
        posts.Where(p => p.Refusal is not null).Select(p => p.Refusal).ShouldBe([SubmissionRefusal.InterchangeReused, SubmissionRefusal.InterchangeReused]);
        (await fixture.CountsAsync(ct)).ShouldBe((1, 2, 1, 1));
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(2);
    }

    [Fact]
    public async Task A_submitter_posting_another_senders_interchange_is_refused_and_nothing_is_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);

        var refused = await Should.ThrowAsync<SubmissionRefusedException>(
            () => fixture.SubmitFileAsync(X12Files.OfficeVisit, "OTHERBILLING", "k", ct));

        refused.Reason.ShouldBe(SubmissionRefusal.SubmitterMismatch);
        refused.Message.ShouldContain("SGWDEMOBILLING");
        (await fixture.CountsAsync(ct)).ShouldBe((0, 0, 0, 0));
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(0);
    }

    [Theory]
    [InlineData("this is not an interchange")]
    [InlineData("")]
    public async Task An_unreadable_body_is_refused_and_nothing_is_stored(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);

        var refused = await Should.ThrowAsync<SubmissionRefusedException>(
            () => fixture.Intake.SubmitAsync(new MemoryStream(Encoding.ASCII.GetBytes(body)), Submitter, null, ct));

        refused.Reason.ShouldBe(SubmissionRefusal.Unreadable);
        (await fixture.CountsAsync(ct)).ShouldBe((0, 0, 0, 0));
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_body_with_two_interchanges_is_refused_and_nothing_is_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);
        var one = await File.ReadAllBytesAsync(X12Files.OfficeVisit, ct);

        var refused = await Should.ThrowAsync<SubmissionRefusedException>(
            () => fixture.Intake.SubmitAsync(new MemoryStream([.. one, .. one]), Submitter, null, ct));

        refused.Reason.ShouldBe(SubmissionRefusal.Unreadable);
        refused.Message.ShouldContain("one interchange");
        (await fixture.CountsAsync(ct)).ShouldBe((0, 0, 0, 0));
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task No_patient_detail_is_in_clear_in_the_sqlite_file_after_a_submission()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(DatabaseProvider.Sqlite, ct);

        await fixture.SubmitFileAsync(X12Files.TwoPayers, Submitter, null, ct);

        var files = Directory.GetFiles(fixture.Database.Directory!, "gateway.db*");
        var bytes = files.SelectMany(File.ReadAllBytes).ToArray();
        bytes.Length.ShouldBeGreaterThan(0);
        var text = Encoding.Latin1.GetString(bytes);
        foreach (var phi in new[] { "TESTPATIENT", "EXAMPLECHILD", "SAMPLEPERSON", "SGW00012345", "RVR55501234", "19800115", "1980-01-15", "INVENTED LANE" })
        {
            text.ShouldNotContain(phi, Case.Insensitive);
        }
    }

    private static void AssertValid(byte[] payload, int expectedClaims)
    {
        using var stream = new MemoryStream(payload);
        var report = Validator.Validate(stream, TestContext.Current.CancellationToken);
        report.Findings.ShouldBeEmpty();
        report.Accepted.ShouldBeTrue();
        var claims = report.Transactions.SelectMany(t => t.Claims).ToList();
        claims.Count.ShouldBe(expectedClaims);
        claims.ShouldAllBe(c => c.Accepted);
    }
}
