using System.Text;
using Shouldly;
using SubmissionGateway.X12.Acknowledgments;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class AcknowledgmentTests
{
    private static readonly AcknowledgmentOptions Options = new() { NextControlNumber = () => 42 };

    private static ValidationReport Validate(string corpusFile) => new X12Validator().Validate(new MemoryStream(Corpus.Read(corpusFile)), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("837P/valid-office-visit.x12")]
    [InlineData("837P/bad-invalid-code.x12")]
    [InlineData("837P/bad-date.x12")]
    [InlineData("837P/bad-missing-billing-provider.x12")]
    [InlineData("837P/bad-ge-count.x12")]
    public void The_generated_999_validates_against_our_own_999_guide(string file)
    {
        var ack = AcknowledgmentWriter.Write(Validate(file).Interchanges[0], Options);

        var report = new X12Validator().Validate(new MemoryStream(ack), TestContext.Current.CancellationToken);
        report.Findings.ShouldBeEmpty(Encoding.ASCII.GetString(ack));
        report.Accepted.ShouldBeTrue();
        report.Transactions.Single().Guide!.Id.ShouldBe("005010X231A1");
    }

    [Fact]
    public void A_rejected_claim_is_named_with_its_segment_element_and_code()
    {
        var ack = Encoding.ASCII.GetString(AcknowledgmentWriter.Write(Validate("837P/bad-invalid-code.x12").Interchanges[0], Options));

        ack.ShouldContain("AK2*837*0001*005010X222A1~");
        ack.ShouldContain("IK3*CLM*19*2300*8~");
        ack.ShouldContain("CTX*CLM01:SGW-CLAIM-0001~");
        ack.ShouldContain("IK4*5:2*1332*7*X~");
        ack.ShouldContain("IK5*R*5~");
        ack.ShouldContain("AK9*R*1*1*0~");
    }

    [Fact]
    public void The_ta1_comes_right_after_the_isa_before_any_group()
    {
        var ack = Encoding.ASCII.GetString(AcknowledgmentWriter.Write(Validate("837P/valid-office-visit.x12").Interchanges[0], Options));
        var lines = ack.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].ShouldStartWith("ISA*00*");
        lines[0].ShouldEndWith("*^*00501*000000042*0*T*:~");
        lines[0].Length.ShouldBe(106);
        lines[1].ShouldBe("TA1*000000101*261120*0930*A*000~");
        lines[2].ShouldStartWith("GS*FA*SGWSANDBOXPAYER*SGWDEMOBILLING*");
    }

    [Fact]
    public void A_rejected_envelope_gets_a_ta1_with_its_note_code_and_no_999()
    {
        var ack = Encoding.ASCII.GetString(AcknowledgmentWriter.Write(Validate("837P/bad-iea-control-number.x12").Interchanges[0], Options));

        ack.ShouldContain("TA1*000000101*261120*0930*R*001~");
        ack.ShouldNotContain("GS*");
        ack.ShouldNotContain("ST*999");
    }

    [Fact]
    public void Envelope_findings_reach_the_ik5_and_ak9()
    {
        var se = Encoding.ASCII.GetString(AcknowledgmentWriter.Write(Validate("837P/bad-se-count.x12").Interchanges[0], Options));
        se.ShouldContain("IK5*R*4~");

        var ge = Encoding.ASCII.GetString(AcknowledgmentWriter.Write(Validate("837P/bad-ge-count.x12").Interchanges[0], Options));
        ge.ShouldContain("AK9*R*1*1*1*5~");
    }
}
