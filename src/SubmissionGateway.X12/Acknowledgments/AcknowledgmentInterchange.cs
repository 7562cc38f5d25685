using System.Globalization;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Validation;
using SubmissionGateway.X12.Writing;

namespace SubmissionGateway.X12.Acknowledgments;

/// <summary>The ISA of an acknowledgment interchange: sender and receiver swapped, the gateway's own control number.</summary>
internal static class AcknowledgmentInterchange
{
    // ISA05/ISA07 codes of the 5010 guides: a sender that used another one is answered under ZZ (mutually defined).
    private static readonly HashSet<string> IdQualifiers = new(["01", "14", "20", "27", "28", "29", "30", "33", "ZZ"], StringComparer.Ordinal);

    public static X12Writer Begin(InterchangeResult received, AcknowledgmentOptions options, DateTimeOffset now, string controlNumber)
    {
        var writer = new X12Writer(X12Delimiters.Default, options.LineBreaks);
        writer.Begin("ISA")
            .Element("00").Fixed(string.Empty, 10).Element("00").Fixed(string.Empty, 10)
            .Element(options.SenderQualifier).Fixed(options.SenderId ?? EchoedValue.Text(received.ReceiverId, 15) ?? options.GatewayId, 15)
            .Element(IdQualifiers.Contains(received.SenderQualifier) ? received.SenderQualifier : "ZZ").Fixed(EchoedValue.Text(received.SenderId, 15) ?? "UNKNOWN", 15)
            .Element(now.ToString("yyMMdd", CultureInfo.InvariantCulture)).Element(now.ToString("HHmm", CultureInfo.InvariantCulture))
            .Raw(((char)X12Delimiters.Default.Repetition).ToString()).Element("00501").Element(controlNumber).Element("0")
            .Element(received.UsageIndicator == 'T' ? "T" : "P")
            .Raw(((char)X12Delimiters.Default.Component).ToString())
            .End();
        return writer;
    }

    public static string NextControlNumber(AcknowledgmentOptions options) =>
        (options.NextControlNumber() % 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
}
