using Shouldly;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class ClaimViewTests
{
    private static readonly ClaimList Claims =
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

    [Fact]
    public void A_repeated_party_is_shared_but_nothing_of_the_previous_party_leaks_into_the_next()
    {
        var text = System.Text.Encoding.ASCII.GetString(Corpus.Read("837P/valid-office-visit.x12"))
            .Replace("SE*35*0001~", "HL*3*1*22*0~SBR*P*18*GRP0042******CI~NM1*IL*1*OTHERPATIENT*SAM****MI*SGW00099999~" +
                "NM1*PR*2*SANDBOX HEALTH PLAN*****PI*SGWPAYER01~CLM*SGW-CLAIM-0003*80***11:B:1*Y*A*Y*Y~HI*ABK:Z0000~" +
                "LX*1~SV1*HC:99212*80*UN*1***1~DTP*472*D8*20261112~SE*44*0001~", StringComparison.Ordinal);
        var claims = new X12Validator().Validate(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text)), TestContext.Current.CancellationToken)
            .Transactions.Single().Claims;

        claims.Count.ShouldBe(3);
        claims[2].Payer.ShouldBeSameAs(claims[0].Payer);
        claims[2].Payer!.Id.ShouldBe("SGWPAYER01");
        var other = claims[2].Subscriber!;
        other.LastName.ShouldBe("OTHERPATIENT");
        other.MiddleName.ShouldBeNull();
        other.Address.ShouldBeNull();
        other.BirthDate.ShouldBeNull();
        other.Gender.ShouldBeNull();
        claims[0].Subscriber!.Address!.Line1.ShouldBe("12 INVENTED LANE");
        claims[0].Subscriber!.MiddleName.ShouldBe("Q");
        claims[2].Findings.ShouldContain(f => f.Rule == "subscriber-demographics");
        claims[0].Accepted.ShouldBeTrue();
    }
}
