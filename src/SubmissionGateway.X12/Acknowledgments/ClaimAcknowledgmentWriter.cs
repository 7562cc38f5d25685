using System.Globalization;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Validation;
using SubmissionGateway.X12.Writing;

namespace SubmissionGateway.X12.Acknowledgments;

/// <summary>
/// Writes the 277CA (005010X214) for the 837 transaction sets of one interchange that passed the 999: per claim,
/// accepted into adjudication (A2:20) or returned as unprocessable (A3) with the status code of each failed edit,
/// grouped under the billing provider, with the counts and amounts a biller reconciles against.
/// </summary>
public static class ClaimAcknowledgmentWriter
{
    public const string ClaimAcknowledgmentGuide = "005010X214";

    /// <summary>
    /// Returns an empty array when the interchange has no 837 set that passed the 999 in a group whose claims the
    /// acknowledgments leave open to acceptance (<see cref="InterchangeResult.AcceptsClaimsOf"/>).
    /// </summary>
    public static byte[] Write(InterchangeResult interchange, AcknowledgmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(interchange);
        options ??= new AcknowledgmentOptions();
        var groups = interchange.Groups.Where(g => interchange.AcceptsClaimsOf(g) && g.Transactions.Exists(IsAcknowledged)).ToList();
        if (groups.Count == 0)
        {
            return [];
        }

        var now = options.Clock.GetUtcNow();
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = now.ToString("HHmm", CultureInfo.InvariantCulture);
        var controlNumber = AcknowledgmentInterchange.NextControlNumber(options);
        var writer = AcknowledgmentInterchange.Begin(interchange, options, now, controlNumber);

        foreach (var group in groups)
        {
            var groupNumber = (options.NextControlNumber() % 1_000_000_000).ToString(CultureInfo.InvariantCulture);
            writer.Segment("GS", "HN", options.ApplicationSenderCode ?? group.ReceiverCode, group.SenderCode, date, time, groupNumber, "X",
                ClaimAcknowledgmentGuide);
            var sets = 0;
            foreach (var transaction in group.Transactions.Where(IsAcknowledged))
            {
                sets++;
                WriteTransaction(writer, transaction, sets, interchange, options, date, time);
            }

            writer.Segment("GE", sets.ToString(CultureInfo.InvariantCulture), groupNumber);
        }

        writer.Segment("IEA", groups.Count.ToString(CultureInfo.InvariantCulture), controlNumber);
        return writer.ToArray();
    }

    private static bool IsAcknowledged(TransactionSetResult transaction) =>
        transaction.SetId == "837" && transaction.SyntaxAccepted && transaction.Claims.Count > 0;

    private static void WriteTransaction(X12Writer writer, TransactionSetResult transaction, int number, InterchangeResult interchange,
        AcknowledgmentOptions options, string date, string time)
    {
        writer.ResetCount();
        var setNumber = number.ToString("0000", CultureInfo.InvariantCulture);
        writer.Segment("ST", "277", setNumber, ClaimAcknowledgmentGuide);
        writer.Segment("BHT", "0085", "08", $"{interchange.ControlNumber}{transaction.ControlNumber}", date, time, "TH");

        var claims = transaction.Claims;
        var hl = 1;
        writer.Segment("HL", "1", null, "20", "1");
        writer.Segment("NM1", "AY", "2", options.GatewayName, null, null, null, null, "46", options.GatewayId);
        writer.Segment("TRN", "1", $"{interchange.ControlNumber}-{transaction.ControlNumber}");
        writer.Segment("DTP", "050", "D8", date);
        writer.Segment("DTP", "009", "D8", date);

        var receiverHl = ++hl;
        var submitter = claims[0].Submitter;
        writer.Segment("HL", receiverHl.ToString(CultureInfo.InvariantCulture), "1", "21", "1");
        writer.Segment("NM1", "41", "2", Or(submitter?.Name, interchange.SenderId), null, null, null, null, "46", Or(submitter?.Id, interchange.SenderId));
        writer.Segment("TRN", "2", Or(transaction.Reference, transaction.ControlNumber));
        writer.Begin("STC").Composite("A1", "19", "AY").Element(date).Element("WQ").Element(Money(claims.Sum(c => c.TotalCharge))).End();
        WriteTotals(writer, claims, "90", "AA");

        foreach (var provider in claims.GroupBy(c => c.BillingProvider?.Id ?? string.Empty))
        {
            var providerHl = ++hl;
            var billing = provider.First().BillingProvider;
            writer.Segment("HL", providerHl.ToString(CultureInfo.InvariantCulture), receiverHl.ToString(CultureInfo.InvariantCulture), "19", "1");
            writer.Begin("NM1").Element("85").Element("2").Element(Or(billing?.Name, "UNKNOWN")).Element(null).Element(null).Element(null).Element(null)
                .Element(billing?.IdQualifier is "XX" or "FI" or "SV" ? billing.IdQualifier : "XX").Element(Or(billing?.Id, "0000000000")).End();
            writer.Segment("TRN", "1", "0");
            writer.Begin("STC").Composite("A1", "19").Element(null).Element("WQ").Element(Money(provider.Sum(c => c.TotalCharge))).End();
            WriteTotals(writer, [.. provider], "QA", "QC");

            foreach (var claim in provider)
            {
                WriteClaim(writer, claim, ++hl, providerHl, date);
            }
        }

        writer.Segment("SE", (writer.Count + 1).ToString(CultureInfo.InvariantCulture), setNumber);
    }

    private static void WriteClaim(X12Writer writer, Claim claim, int hl, int parent, string date)
    {
        writer.Segment("HL", hl.ToString(CultureInfo.InvariantCulture), parent.ToString(CultureInfo.InvariantCulture), "PT");
        var patient = claim.Patient;
        var memberId = patient?.MemberId ?? claim.Subscriber?.MemberId;
        writer.Segment("NM1", "QC", "1", Or(patient?.LastName, "UNKNOWN"), patient?.FirstName, patient?.MiddleName, null, null, "MI", Or(memberId, "UNKNOWN"));
        writer.Segment("TRN", "2", claim.Id);
        var charge = Money(claim.TotalCharge);
        if (claim.Accepted)
        {
            writer.Begin("STC").Composite("A2", "20").Element(date).Element("WQ").Element(charge).End();
        }
        else
        {
            // One STC per failed edit, each with the status code that names what to fix.
            foreach (var finding in claim.Findings.Where(f => f.Scope == FindingScope.Claim).Take(20))
            {
                writer.Begin("STC").Composite("A3", finding.ClaimStatusCode ?? "21", ClaimEntity(finding.ClaimStatusEntity))
                    .Element(date).Element("U").Element(charge).End();
            }
        }

        if (claim.PayerClaimControlNumber is { Length: > 0 } icn)
        {
            writer.Segment("REF", "1K", icn);
        }

        if (claim.DatesOfService is var (from, to))
        {
            writer.Segment("DTP", "472", "RD8", $"{from:yyyyMMdd}-{to:yyyyMMdd}");
        }
        else
        {
            writer.Segment("DTP", "472", "D8", date);
        }
    }

    private static void WriteTotals(X12Writer writer, IReadOnlyCollection<Claim> claims, string acceptedQuantity, string rejectedQuantity)
    {
        var accepted = claims.Where(c => c.Accepted).ToList();
        var rejected = claims.Where(c => !c.Accepted).ToList();
        if (accepted.Count > 0)
        {
            writer.Segment("QTY", acceptedQuantity, accepted.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (rejected.Count > 0)
        {
            writer.Segment("QTY", rejectedQuantity, rejected.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (accepted.Count > 0)
        {
            writer.Segment("AMT", "YU", Money(accepted.Sum(c => c.TotalCharge)));
        }

        if (rejected.Count > 0)
        {
            writer.Segment("AMT", "YY", Money(rejected.Sum(c => c.TotalCharge)));
        }
    }

    /// <summary>2200D STC01-3 allows only a few entity codes; others are left out rather than sent invalid.</summary>
    private static string? ClaimEntity(string? entity) => entity is "03" or "1P" or "1Z" or "40" or "41" ? entity : null;

    private static string Money(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
