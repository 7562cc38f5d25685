using Shouldly;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class ClaimViewTests
{
    private static readonly List<Claim> Claims =
        new X12Validator().Validate(new MemoryStream(Corpus.Read("837P/valid-office-visit.x12")), TestContext.Current.CancellationToken).Transactions.Single().Claims;

    [Fact]
    public void Each_claim_carries_its_parties_from_the_hierarchy()
    {
        Claims.Count.ShouldBe(2);
        var claim = Claims[0];
        claim.Id.ShouldBe("SGW-CLAIM-0001");
        claim.Kind.ShouldBe(ClaimKind.Professional);
        claim.Submitter!.Id.ShouldBe("SGW000001");
        claim.Receiver!.Name.ShouldBe("SANDBOX HEALTH PLAN");
        claim.BillingProvider!.Npi.ShouldBe("1234567893");
        claim.BillingProvider.TaxId.ShouldBe("371234567");
        claim.BillingProvider.Address!.PostalCode.ShouldBe("627010001");
        claim.Payer!.Id.ShouldBe("SGWPAYER01");
        claim.Subscriber!.MemberId.ShouldBe("SGW00012345");
        claim.Subscriber.BirthDate.ShouldBe(new DateOnly(1980, 1, 15));
        claim.Subscriber.Gender.ShouldBe("F");
        claim.PatientIsSubscriber.ShouldBeTrue();
        claim.Patient.ShouldBe(claim.Subscriber);
    }

    [Fact]
    public void Claim_amounts_codes_lines_and_dates_are_read()
    {
        var claim = Claims[0];
        claim.TotalCharge.ShouldBe(150m);
        claim.PlaceOfService.ShouldBe("11");
        claim.FrequencyCode.ShouldBe("1");
        claim.Diagnoses.ShouldBe([new DiagnosisCode("ABK", "J069"), new DiagnosisCode("ABF", "R509")]);
        claim.Lines.Count.ShouldBe(2);
        claim.Lines[0].ProcedureCode.ShouldBe("99213");
        claim.Lines[0].Charge.ShouldBe(100m);
        claim.Lines[1].ServiceDateFrom.ShouldBe(new DateOnly(2026, 11, 10));
        claim.DatesOfService.ShouldBe((new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 10)));
        claim.Accepted.ShouldBeTrue();
    }

    [Fact]
    public void Pwk_attachment_control_numbers_are_kept()
    {
        Claims[1].Attachments.ShouldBe([new AttachmentReference("OZ", "EL", "SGWATT0002", ClaimLevel: true) { IdentifierQualifier = "AC" }]);
        Claims[0].Attachments.ShouldBeEmpty();
    }

    [Fact]
    public void A_syntax_error_in_a_transaction_rejects_its_claims()
    {
        var claims = new X12Validator().Validate(new MemoryStream(Corpus.Read("837P/bad-date.x12")), TestContext.Current.CancellationToken).Transactions.Single().Claims;
        claims.ShouldAllBe(c => !c.Accepted);
    }
}
