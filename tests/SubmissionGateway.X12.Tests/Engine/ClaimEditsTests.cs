using Shouldly;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Edits;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>Edits whose inputs are laborious to build as whole files: coordination of benefits and 837I periods.</summary>
public sealed class ClaimEditsTests
{
    private static Claim ClaimWithLine(decimal total, decimal lineCharge)
    {
        var claim = new Claim { Id = "SGW-COB-1", TotalCharge = total, SubscriberRelationship = "18" };
        claim.LineArray = [new ServiceLine { Number = 1, Charge = lineCharge }];
        return claim;
    }

    [Fact]
    public void Other_payer_that_balances_passes()
    {
        var claim = ClaimWithLine(100m, 100m);
        claim.OtherPayers.Add(new OtherPayerAdjudication { PayerId = "OTHER1", PaidAmount = 70m, ClaimAdjustments = 0m });
        claim.Lines[0].Adjudications.Add(new LineAdjudication { PayerId = "OTHER1", Paid = 70m, Adjustments = 30m });

        ClaimEdits.OtherPayersBalance(claim);

        claim.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Line_adjudication_that_does_not_add_up_is_rejected()
    {
        var claim = ClaimWithLine(100m, 100m);
        claim.Lines[0].Adjudications.Add(new LineAdjudication { PayerId = "OTHER1", Paid = 70m, Adjustments = 20m });

        ClaimEdits.OtherPayersBalance(claim);

        claim.Findings.ShouldHaveSingleItem().Rule.ShouldBe("cob-line-balance");
        claim.Accepted.ShouldBeFalse();
    }

    [Fact]
    public void Claim_level_payment_and_adjustments_must_add_up_to_the_charge()
    {
        var claim = ClaimWithLine(100m, 100m);
        claim.OtherPayers.Add(new OtherPayerAdjudication { PayerId = "OTHER1", PaidAmount = 60m, ClaimAdjustments = 30m });

        ClaimEdits.OtherPayersBalance(claim);

        var finding = claim.Findings.ShouldHaveSingleItem();
        finding.Rule.ShouldBe("cob-claim-balance");
        finding.ClaimStatusCode.ShouldBe("400");
        finding.Message.ShouldContain("60.00");
    }

    [Fact]
    public void Institutional_line_outside_the_statement_period_is_rejected()
    {
        var claim = new Claim
        {
            Id = "SGW-INST-1",
            Kind = ClaimKind.Institutional,
            StatementFrom = new DateOnly(2026, 11, 1),
            StatementTo = new DateOnly(2026, 11, 3),
        };
        claim.LineArray = [new ServiceLine { Number = 1, ServiceDateFrom = new DateOnly(2026, 11, 2) }, new ServiceLine { Number = 2, ServiceDateFrom = new DateOnly(2026, 11, 4) }];

        ClaimEdits.LineDatesWithinStatementPeriod(claim);

        claim.Findings.ShouldHaveSingleItem().Message.ShouldContain("line 2");
    }

    [Fact]
    public void A_professional_claim_has_no_statement_period_rule()
    {
        var claim = new Claim { Id = "P", Kind = ClaimKind.Professional, StatementFrom = new DateOnly(2026, 11, 1), StatementTo = new DateOnly(2026, 11, 1) };
        claim.LineArray = [new ServiceLine { Number = 1, ServiceDateFrom = new DateOnly(2026, 12, 1) }];

        ClaimEdits.LineDatesWithinStatementPeriod(claim);

        claim.Findings.ShouldBeEmpty();
    }
}
