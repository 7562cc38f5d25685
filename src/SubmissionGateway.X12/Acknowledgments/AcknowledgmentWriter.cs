using System.Globalization;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Validation;
using SubmissionGateway.X12.Writing;

namespace SubmissionGateway.X12.Acknowledgments;

/// <summary>
/// Writes the acknowledgment interchange for one received interchange: the TA1 (when due) right after the ISA and
/// before any GS, then one 999 (005010X231A1) per functional group, each in its own GS*FA group.
/// </summary>
public static class AcknowledgmentWriter
{
    public const string FunctionalAcknowledgmentGuide = "005010X231A1";

    /// <summary>Writes the acknowledgment interchange; returns an empty array when nothing is due (no TA1 asked for
    /// and no functional group to acknowledge).</summary>
    public static byte[] Write(InterchangeResult interchange, AcknowledgmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(interchange);
        options ??= new AcknowledgmentOptions();
        var ta1Due = interchange.NeedsTa1;
        // A rejected envelope gets a TA1 only: its groups are not processed.
        var groups = interchange.EnvelopeAccepted ? interchange.Groups : [];
        if (!ta1Due && groups.Count == 0)
        {
            return [];
        }

        var now = options.Clock.GetUtcNow();
        var controlNumber = AcknowledgmentInterchange.NextControlNumber(options);
        var writer = AcknowledgmentInterchange.Begin(interchange, options, now, controlNumber);

        if (ta1Due)
        {
            writer.Segment("TA1", EchoedValue.Number(interchange.ControlNumber, 9, 9),
                EchoedValue.DateOrTime(interchange.Date, "yyMMdd", now.ToString("yyMMdd", CultureInfo.InvariantCulture)),
                EchoedValue.DateOrTime(interchange.Time, "HHmm", now.ToString("HHmm", CultureInfo.InvariantCulture)),
                interchange.EnvelopeAccepted ? "A" : "R", interchange.NoteCode);
        }

        var groupCount = 0;
        foreach (var group in groups)
        {
            groupCount++;
            var groupNumber = (options.NextControlNumber() % 1_000_000_000).ToString(CultureInfo.InvariantCulture);
            writer.Segment("GS", "FA", options.ApplicationSenderCode ?? group.ReceiverCode, group.SenderCode,
                now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), now.ToString("HHmm", CultureInfo.InvariantCulture), groupNumber, "X",
                FunctionalAcknowledgmentGuide);
            Write999(writer, group);
            writer.Segment("GE", "1", groupNumber);
        }

        writer.Segment("IEA", groupCount.ToString(CultureInfo.InvariantCulture), controlNumber);
        return writer.ToArray();
    }

    private static void Write999(X12Writer writer, FunctionalGroupResult group)
    {
        writer.ResetCount();
        writer.Segment("ST", "999", "0001", FunctionalAcknowledgmentGuide);
        writer.Segment("AK1", EchoedValue.Identifier(group.FunctionalId, 2, 2, "HC"), EchoedValue.Number(group.ControlNumber, 1, 9),
            EchoedValue.Text(group.Version, 12) ?? "005010");
        var accepted = 0;
        foreach (var transaction in group.Transactions)
        {
            writer.Segment("AK2", EchoedValue.Identifier(transaction.SetId, 3, 3, "837"), EchoedValue.Identifier(transaction.ControlNumber, 1, 9, "0001").PadLeft(4, '0'),
                EchoedValue.Text(transaction.Implementation, 35));
            WriteSegmentErrors(writer, transaction);
            var envelopeCodes = transaction.Findings.Where(f => f.EnvelopeErrorCode is not null).Select(f => f.EnvelopeErrorCode!)
                .Distinct(StringComparer.Ordinal).ToList();
            if (transaction.Findings.Exists(f => f.SegmentErrorCode is not null) && !envelopeCodes.Contains("5"))
            {
                envelopeCodes.Add("5");
            }

            writer.Begin("IK5").Element(transaction.SyntaxAccepted ? "A" : "R");
            foreach (var code in envelopeCodes.Take(5))
            {
                writer.Element(code);
            }

            writer.End();
            if (transaction.SyntaxAccepted)
            {
                accepted++;
            }
        }

        writer.Begin("AK9").Element(group.AcknowledgmentCode.ToString())
            .Element(group.Transactions.Count).Element(group.Transactions.Count).Element(accepted);
        foreach (var code in group.Findings.Select(f => f.EnvelopeErrorCode).OfType<string>().Distinct(StringComparer.Ordinal).Take(5))
        {
            writer.Element(code);
        }

        writer.End();
        writer.Segment("SE", (writer.Count + 1).ToString(CultureInfo.InvariantCulture), "0001");
    }

    private static void WriteSegmentErrors(X12Writer writer, TransactionSetResult transaction)
    {
        // One IK3 per segment in error, its element errors (IK4) beneath it, in file order.
        foreach (var bySegment in transaction.Findings.Where(f => f.SegmentErrorCode is not null)
                     .GroupBy(f => (f.SegmentPosition, f.SegmentId, f.ElementErrorCode is null ? f.SegmentErrorCode : "8")))
        {
            var first = bySegment.First();
            writer.Segment("IK3", SegmentIdForAck(first.SegmentId), first.SegmentPosition.ToString(CultureInfo.InvariantCulture),
                LoopForAck(first.LoopId), bySegment.Key.Item3);
            if (EchoedValue.Text(first.ClaimId, 35) is { } claimId)
            {
                writer.Begin("CTX").Composite("CLM01", claimId).End();
            }

            foreach (var element in bySegment.Where(f => f.ElementErrorCode is not null))
            {
                writer.Begin("IK4")
                    .Composite(
                        element.ElementPosition.ToString(CultureInfo.InvariantCulture),
                        element.ComponentPosition > 0 ? element.ComponentPosition.ToString(CultureInfo.InvariantCulture) : null,
                        element.RepetitionPosition > 0 ? element.RepetitionPosition.ToString(CultureInfo.InvariantCulture) : null)
                    .Element(element.DataElementReference is { Length: > 0 and <= 4 } reference && reference.All(char.IsAsciiDigit) ? reference : null)
                    .Element(element.ElementErrorCode)
                    .Element(EchoedValue.Text(element.BadValue, 99))
                    .End();
            }
        }
    }

    // IK301 is an identifier of two or three letters or digits; an unrecognized segment can carry anything (control
    // bytes, a long id), and echoing it would make our own 999 invalid. IK302 still points at the segment.
    private static string SegmentIdForAck(string? segmentId)
    {
        var id = new string((segmentId ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Take(3).ToArray()).ToUpperInvariant();
        return id.Length >= 2 ? id : "ZZZ";
    }

    private static string? LoopForAck(string? loopId) =>
        loopId is null || loopId.EndsWith("_LOOP", StringComparison.Ordinal) || loopId.Length > 4 ? null : loopId;
}
