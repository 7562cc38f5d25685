using System.Globalization;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Edits;

/// <summary>
/// Claim-level edits that a 999 cannot express (SNIP 3 balancing, SNIP 4 situational rules), each a small named
/// rule. A failed edit rejects its claim in the 277CA, not the batch. Rules that can be stated as "this element is
/// required/forbidden when that one has this value" live as data in schemas/x12/rules (<see cref="SituationalRuleBook"/>).
/// </summary>
public static class ClaimEdits
{
    public static void Apply(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ChargesBalance(claim);
        OtherPayersBalance(claim);
        PatientLoopMatchesRelationship(claim);
        SubscriberDemographicsWhenPatient(claim);
        ReplacementNeedsPayerClaimNumber(claim);
        RenderingProviderDiffersFromBilling(claim);
        LineRenderingProviderDiffersFromClaim(claim);
        LineDatesWithinStatementPeriod(claim);
    }

    /// <summary>SNIP 3: CLM02 equals the sum of the line charges (SV102 / SV203 / SV302).</summary>
    internal static void ChargesBalance(Claim claim)
    {
        if (claim.LineArray.Length == 0)
        {
            return;
        }

        decimal lines = 0;
        foreach (var line in claim.LineArray)
        {
            lines += line.Charge;
        }

        if (lines != claim.TotalCharge)
        {
            Reject(claim, SnipLevel.Balancing, "claim-charge-balance", "400", null,
                $"Claim {claim.Id}: total charge {Money(claim.TotalCharge)} (CLM02) does not equal the sum of its {claim.LineArray.Length} line charges, {Money(lines)}.");
        }
    }

    /// <summary>SNIP 3: each other payer's line adjudications balance to the line charge, and its claim-level
    /// payment plus every adjustment balances to the claim charge.</summary>
    internal static void OtherPayersBalance(Claim claim)
    {
        foreach (var line in claim.LineArray)
        {
            if (line.AdjudicationsIfAny is not { } adjudications)
            {
                continue;
            }

            foreach (var adjudication in adjudications)
            {
                if (adjudication.Paid + adjudication.Adjustments != line.Charge)
                {
                    Reject(claim, SnipLevel.Balancing, "cob-line-balance", "400", null,
                        $"Claim {claim.Id}, line {line.Number}: payer {adjudication.PayerId} paid {Money(adjudication.Paid)} and adjusted {Money(adjudication.Adjustments)} (SVD02 + CAS), which does not add up to the line charge {Money(line.Charge)}.");
                }
            }
        }

        if (claim.OtherPayersIfAny is not { } otherPayers)
        {
            return;
        }

        foreach (var payer in otherPayers)
        {
            if (payer.PaidAmount is not { } paid)
            {
                continue;
            }

            var lineAdjudications = claim.LineArray.SelectMany(l => (IEnumerable<LineAdjudication>?)l.AdjudicationsIfAny ?? []).Where(a => a.PayerId == payer.PayerId).ToList();
            var adjustments = payer.ClaimAdjustments + lineAdjudications.Sum(a => a.Adjustments);
            if (paid + adjustments != claim.TotalCharge)
            {
                Reject(claim, SnipLevel.Balancing, "cob-claim-balance", "400", null,
                    $"Claim {claim.Id}: payer {payer.PayerId} paid {Money(paid)} (AMT*D) with {Money(adjustments)} of adjustments (CAS), which does not add up to the claim charge {Money(claim.TotalCharge)}.");
            }

            if (lineAdjudications.Count > 0 && lineAdjudications.Sum(a => a.Paid) != paid)
            {
                Reject(claim, SnipLevel.Balancing, "cob-paid-balance", "400", null,
                    $"Claim {claim.Id}: payer {payer.PayerId} paid {Money(paid)} on the claim (AMT*D) but {Money(lineAdjudications.Sum(a => a.Paid))} over its lines (SVD02).");
            }
        }
    }

    /// <summary>SNIP 4: the patient loop (2000C) is present exactly when the patient is not the subscriber (SBR02 ≠ 18).</summary>
    internal static void PatientLoopMatchesRelationship(Claim claim)
    {
        var self = claim.SubscriberRelationship == "18";
        if (self && !claim.PatientIsSubscriber)
        {
            Reject(claim, SnipLevel.Situational, "patient-loop-when-not-subscriber", "21", "QC",
                $"Claim {claim.Id}: the subscriber is the patient (SBR02 = 18), so the patient loop (2000C) must not be sent.");
        }
        else if (!self && claim.PatientIsSubscriber)
        {
            Reject(claim, SnipLevel.Situational, "patient-loop-when-not-subscriber", "21", "QC",
                $"Claim {claim.Id}: the subscriber is not marked as the patient (SBR02 is not 18), so the patient loop (2000C) is required.");
        }
    }

    /// <summary>SNIP 4: when the subscriber is the patient, the subscriber's address (N3/N4) and birth date and gender (DMG) are required.</summary>
    internal static void SubscriberDemographicsWhenPatient(Claim claim)
    {
        if (claim.SubscriberRelationship != "18" || claim.Subscriber is not { } subscriber)
        {
            return;
        }

        if (subscriber.Address is null)
        {
            Reject(claim, SnipLevel.Situational, "subscriber-demographics", "126", "IL",
                $"Claim {claim.Id}: the subscriber is the patient, so the subscriber's address (N3/N4 in 2010BA) is required.");
        }

        if (subscriber.BirthDate is null || subscriber.Gender is null)
        {
            Reject(claim, SnipLevel.Situational, "subscriber-demographics", "158", "IL",
                $"Claim {claim.Id}: the subscriber is the patient, so the subscriber's birth date and gender (DMG in 2010BA) are required.");
        }
    }

    /// <summary>SNIP 4: a replacement (7) or void (8) names the payer's claim control number of the original (REF*F8).</summary>
    internal static void ReplacementNeedsPayerClaimNumber(Claim claim)
    {
        if (claim.FrequencyCode is "7" or "8" && string.IsNullOrEmpty(claim.PayerClaimControlNumber))
        {
            Reject(claim, SnipLevel.Situational, "replacement-needs-payer-claim-number", "464", null,
                $"Claim {claim.Id}: a {(claim.FrequencyCode == "7" ? "replacement" : "void")} (frequency {claim.FrequencyCode}) must name the payer's claim control number of the original claim (REF*F8).");
        }
    }

    /// <summary>SNIP 4: the rendering provider loop (2310B) is sent only when the rendering provider is not the billing provider.</summary>
    internal static void RenderingProviderDiffersFromBilling(Claim claim)
    {
        if (claim.RenderingProvider?.Npi is { } rendering && rendering == claim.BillingProvider?.Npi)
        {
            Reject(claim, SnipLevel.Situational, "rendering-differs-from-billing", "562", "82",
                $"Claim {claim.Id}: the rendering provider (2310B) has the billing provider's NPI {rendering}; send 2310B only when they differ.");
        }
    }

    /// <summary>SNIP 4: a line's rendering provider (2420A) is sent only when it differs from the claim's (2310B, or the
    /// billing provider when 2310B is absent).</summary>
    internal static void LineRenderingProviderDiffersFromClaim(Claim claim)
    {
        var claimRendering = claim.RenderingProvider?.Npi ?? claim.BillingProvider?.Npi;
        foreach (var line in claim.LineArray)
        {
            if (line.RenderingProvider?.Npi is { } npi && npi == claimRendering)
            {
                Reject(claim, SnipLevel.Situational, "line-rendering-differs-from-claim", "562", "82",
                    $"Claim {claim.Id}, line {line.Number}: the line's rendering provider (2420A) has NPI {npi}, the same as the claim's; send 2420A only when it differs.");
            }
        }
    }

    /// <summary>SNIP 4 (837I): every line's date of service falls inside the claim's statement period (DTP*434).</summary>
    internal static void LineDatesWithinStatementPeriod(Claim claim)
    {
        if (claim.Kind != ClaimKind.Institutional || claim.StatementFrom is not { } from || claim.StatementTo is not { } to)
        {
            return;
        }

        foreach (var line in claim.LineArray)
        {
            if (line.ServiceDateFrom is { } start && (start < from || (line.ServiceDateTo ?? start) > to))
            {
                Reject(claim, SnipLevel.Situational, "line-date-within-statement", "187", null,
                    $"Claim {claim.Id}, line {line.Number}: service date {start:yyyy-MM-dd} is outside the statement period {from:yyyy-MM-dd} to {to:yyyy-MM-dd}.");
            }
        }
    }

    internal static void Reject(Claim claim, SnipLevel snip, string rule, string statusCode, string? entity, string message) =>
        claim.Findings.Add(new X12Finding
        {
            Snip = snip,
            Scope = FindingScope.Claim,
            Rule = rule,
            Message = message,
            ClaimId = claim.Id,
            SegmentId = "CLM",
            SegmentPosition = claim.SegmentPosition,
            Offset = claim.Offset,
            LoopId = "2300",
            ClaimStatusCode = statusCode,
            ClaimStatusEntity = entity,
        });

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
