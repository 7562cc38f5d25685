using System.Text;
using Shouldly;
using SubmissionGateway.X12.Acknowledgments;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class ClaimAcknowledgmentTests
{
    private static readonly AcknowledgmentOptions Options = new() { NextControlNumber = () => 77 };

    private static InterchangeResult Interchange(string file) =>
        new X12Validator().Validate(new MemoryStream(Corpus.Read(file)), TestContext.Current.CancellationToken).Interchanges[0];

    [Theory]
    [InlineData("837P/valid-office-visit.x12")]
    [InlineData("837P/edit-charge-imbalance.x12")]
    [InlineData("837P/edit-pwk-without-control-number.x12")]
    [InlineData("837P/edit-patient-loop-missing.x12")]
    [InlineData("837P/valid-replacement-with-f8.x12")]
    public void The_generated_277ca_validates_against_our_own_277ca_guide(string file)
    {
        var ack = ClaimAcknowledgmentWriter.Write(Interchange(file), Options);

        var report = new X12Validator().Validate(new MemoryStream(ack), TestContext.Current.CancellationToken);
        report.Findings.ShouldBeEmpty(Encoding.ASCII.GetString(ack));
        report.Transactions.Single().Guide!.Id.ShouldBe("005010X214");
    }

    [Fact]
    public void One_bad_claim_is_rejected_alone_with_its_status_code()
    {
        var ack = Encoding.ASCII.GetString(ClaimAcknowledgmentWriter.Write(Interchange("837P/edit-charge-imbalance.x12"), Options));

        ack.ShouldContain("TRN*2*SGW-CLAIM-0001~\nSTC*A3:400*");
        ack.ShouldContain("*U*160~");
        ack.ShouldContain("TRN*2*SGW-CLAIM-0002~\nSTC*A2:20*");
        ack.ShouldContain("QTY*90*1~\nQTY*AA*1~\nAMT*YU*80~\nAMT*YY*160~");
        ack.ShouldContain("TRN*2*BATCH0001~");
    }

    [Fact]
    public void No_277ca_for_a_transaction_the_999_rejected()
    {
        ClaimAcknowledgmentWriter.Write(Interchange("837P/bad-date.x12"), Options).ShouldBeEmpty();
    }

    [Fact]
    public void No_277ca_for_claims_in_a_group_the_999_rejects()
    {
        // The set and its claims pass their edits, but the group has no GE: the 999 answers AK9 R, so nothing in it is
        // accepted for processing (the 277CA used to say A2 for both claims).
        var text = System.Text.RegularExpressions.Regex.Replace(Encoding.ASCII.GetString(Corpus.Read("837P/valid-office-visit.x12")), "GE\\*[^~]*~\n?", "");
        var interchange = new X12Validator().Validate(new MemoryStream(Encoding.ASCII.GetBytes(text)), TestContext.Current.CancellationToken).Interchanges[0];

        interchange.Groups.Single().AcknowledgmentCode.ShouldBe('R');
        interchange.Groups.Single().Transactions.Single().Claims.ShouldAllBe(c => c.Accepted);
        interchange.AcceptsClaimsOf(interchange.Groups.Single()).ShouldBeFalse();
        ClaimAcknowledgmentWriter.Write(interchange, Options).ShouldBeEmpty();
        var whole = Interchange("837P/valid-office-visit.x12");
        whole.AcceptsClaimsOf(whole.Groups.Single()).ShouldBeTrue();
    }
}
