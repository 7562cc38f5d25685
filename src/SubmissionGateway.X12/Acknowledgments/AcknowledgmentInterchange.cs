using System.Globalization;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Validation;
using SubmissionGateway.X12.Writing;

namespace SubmissionGateway.X12.Acknowledgments;

/// <summary>The ISA of an acknowledgment interchange: sender and receiver swapped, the gateway's own control number.</summary>
internal static class AcknowledgmentInterchange
{
    public static X12Writer Begin(InterchangeResult received, AcknowledgmentOptions options, DateTimeOffset now, string controlNumber)
    {
        var writer = new X12Writer(X12Delimiters.Default, options.LineBreaks);
        writer.Begin("ISA")
            .Element("00").Fixed(string.Empty, 10).Element("00").Fixed(string.Empty, 10)
            .Element(options.SenderQualifier).Fixed(options.SenderId ?? received.ReceiverId, 15)
            .Element(string.IsNullOrWhiteSpace(received.SenderQualifier) ? "ZZ" : received.SenderQualifier).Fixed(received.SenderId, 15)
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
