using System.Text;
using Shouldly;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Tests.Intake;

public sealed class AttachmentIntakeTests
{
    private const string Submitter = "SGWDEMOBILLING";

    /// <summary>The corpus 275 answering PWK06 SGWATT0002 of the sample's claim SGW-CLAIM-0002.</summary>
    private static readonly string Unsolicited = File.ReadAllText(
        Path.Combine(Path.GetDirectoryName(X12Files.OfficeVisit)!, "..", "tests", "corpus", "275", "valid-unsolicited-pdf.x12"), Encoding.Latin1);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_275_answering_a_pwk_is_recorded_and_queued_as_posted(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, null, ct);
        var before = await fixture.CountsAsync(ct);

        var result = await fixture.Attachments.SubmitAsync(new MemoryStream(Encoding.Latin1.GetBytes(Unsolicited)), Submitter, ct);

        result.Refusal.ShouldBeNull();
        var accepted = result.Accepted.ShouldNotBeNull();
        accepted.ClaimId.ShouldBe("SGW-CLAIM-0002");
        Encoding.Latin1.GetString(result.Acknowledgment).ShouldContain("AK9*A*1*1*1");
        (await fixture.CountsAsync(ct)).ShouldBe((before.Submissions, before.Claims, before.Entries + 1, before.Outbox + 1));
        var item = (await fixture.OutboxAsync(ct)).Last();
        item.TransactionType.ShouldBe("275");
        item.IdempotencyKey.ShouldBe(accepted.ForwardKey);
        Encoding.Latin1.GetString(await fixture.ReadStoredAsync(item.PayloadReference, ct)).ShouldBe(Unsolicited);
        var entry = (await fixture.EntriesAsync(ct)).Single(e => e.Sequence == accepted.LedgerSequence);
        entry.Actor.ShouldBe(Submitter);
        fixture.Ledger.RevealPatient(entry).BirthDate.ShouldBe(new DateOnly(1980, 1, 15));
        DisclosedContent.FromJson(entry.Description).Documents.ShouldHaveSingleItem().LoincCode.ShouldBe("18842-5");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_275_for_another_patient_leaves_nothing_stored_recorded_or_queued(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, null, ct);
        var before = await fixture.CountsAsync(ct);
        var stored = await fixture.StoredPayloadCountAsync(ct);

        var result = await fixture.Attachments.SubmitAsync(
            new MemoryStream(Encoding.Latin1.GetBytes(Unsolicited.Replace("NM1*QC*1*TESTPATIENT*JANE****MI*SGW00012345", "NM1*QC*1*OTHERPATIENT*JOHN****MI*SGW00012399", StringComparison.Ordinal))),
            Submitter, ct);

        result.Accepted.ShouldBeNull();
        result.Refusal.ShouldNotBeNull().Mismatches.Select(m => m.Field).ShouldBe(["patient.memberId", "patient.name"]);
        (await fixture.CountsAsync(ct)).ShouldBe(before);
        (await fixture.StoredPayloadCountAsync(ct)).ShouldBe(stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_solicited_275_is_recorded_and_moves_its_request_to_submitted_in_the_same_transaction(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IntakeFixture.CreateAsync(provider, ct);
        await fixture.SubmitFileAsync(X12Files.OfficeVisit, Submitter, null, ct);
        var request = await fixture.Requests.CreateAsync(new AttachmentRequestDraft(
            "SGWPAYER01", "SGW-CLAIM-0001", null, new PatientIdentity("TESTPATIENT, JANE Q", "SGW00012345", new DateOnly(1980, 1, 15)),
            new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 10), AttachmentRequestPurpose.PayerRequest,
            new Dictionary<string, int> { ["18842-5"] = 1 }, "coder-a", PayerRequestNumber: "RFAI-0001"), ct);
        var solicited = Unsolicited
            .Replace("BGN*02*", "BGN*11*", StringComparison.Ordinal)
            .Replace("TRN*1*SGWATT0002", "TRN*2*RFAI-0001", StringComparison.Ordinal)
            .Replace("REF*EJ*SGW-CLAIM-0002", "REF*EJ*SGW-CLAIM-0001", StringComparison.Ordinal)
            .Replace("DTP*472*D8*20261112", "DTP*472*D8*20261110", StringComparison.Ordinal);

        var result = await fixture.Attachments.SubmitAsync(new MemoryStream(Encoding.Latin1.GetBytes(solicited)), Submitter, ct);

        result.Refusal.ShouldBeNull();
        result.Accepted.ShouldNotBeNull().RequestId.ShouldBe(request.Id);
        (await fixture.Requests.FindAsync(request.Id, ct)).ShouldNotBeNull().State.ShouldBe(AttachmentRequestState.Submitted);
        (await fixture.EntriesAsync(ct)).Single(e => e.Sequence == result.Accepted.LedgerSequence).Purpose.ShouldBe(DisclosurePurpose.PayerRequestResponse);

        var again = await fixture.Attachments.SubmitAsync(
            new MemoryStream(Encoding.Latin1.GetBytes(solicited.Replace("DTP*368*D8*20261121", "DTP*368*D8*20261122", StringComparison.Ordinal))), Submitter, ct);
        again.Refusal.ShouldNotBeNull().Type.ShouldBe("request-not-open");
    }

    [Theory]
    [InlineData("TESTPATIENT", "JANE", "TESTPATIENT, JANE Q", true)]
    [InlineData("testpatient", null, "TESTPATIENT, JANE Q", true)]
    [InlineData("TESTPATIENT", "JANE", "JANE TESTPATIENT", true)]
    [InlineData("TESTPATIENT", "JOHN", "TESTPATIENT, JANE Q", false)]
    [InlineData("OTHER", "JANE", "TESTPATIENT, JANE", false)]
    public void Names_match_on_last_name_and_first_given_name_whichever_way_they_were_written(string last, string? first, string held, bool same) =>
        AttachmentSubjectCheck.SameName(last, first, held).ShouldBe(same);
}
