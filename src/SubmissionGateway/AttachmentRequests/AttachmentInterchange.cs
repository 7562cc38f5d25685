using System.Globalization;
using System.Text;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Writing;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Lays out one 275 (005010X210) interchange for a request: the header loops, then one LX loop per document whose
/// BIN payload is streamed from the attachment store when the interchange is read.
/// </summary>
internal static class AttachmentInterchange
{
    private const int SegmentsPerDocument = 7; // LX, TRN, STC, DTP*368, CAT, EFI, BIN

    public static Stream Open(
        AttachmentRequest request,
        PatientIdentity patient,
        PayerOptions payer,
        AttachmentRequestOptions options,
        IAttachmentStore store,
        string controlNumber,
        string attachmentControlNumber,
        DateTimeOffset now)
    {
        var delimiters = X12Delimiters.Default;
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = now.ToString("HHmm", CultureInfo.InvariantCulture);
        var groupNumber = int.Parse(controlNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

        var header = new X12Writer(delimiters);
        header.Begin("ISA")
            .Element("00").Fixed(string.Empty, 10).Element("00").Fixed(string.Empty, 10)
            .Element("ZZ").Fixed(options.SubmitterId, 15)
            .Element("ZZ").Fixed(payer.Id, 15)
            .Element(now.ToString("yyMMdd", CultureInfo.InvariantCulture)).Element(time)
            .Raw(((char)delimiters.Repetition).ToString()).Element("00501").Element(controlNumber).Element("0")
            .Element(options.UsageIndicator)
            .Raw(((char)delimiters.Component).ToString())
            .End();
        header.Segment("GS", "PI", options.SubmitterId, payer.Id, date, time, groupNumber, "X", "005010X210");
        header.ResetCount();
        header.Segment("ST", "275", "0001", "005010X210");

        // 11 answers a payer's request; 02 is an unsolicited add.
        var solicited = request.PayerRequestNumber is not null;
        header.Segment("BGN", solicited ? "11" : "02", attachmentControlNumber, date, time);
        header.Segment("NM1", "PR", "2", payer.Name, null, null, null, null, "PI", payer.Id);
        header.Segment("NM1", "41", "2", options.SubmitterName, null, null, null, null, "46", options.SubmitterId);
        header.Segment("NM1", "1P", "2", options.ProviderName, null, null, null, null, "XX", options.ProviderNpi);
        var (last, first) = SplitName(patient.Name);
        header.Segment("NM1", "QC", "1", last, first, null, null, null, "MI", patient.MemberId);
        if (request.ClaimId is not null)
        {
            header.Segment("REF", "EJ", request.ClaimId);
        }

        // X210 has no place for the payer's claim control number (REF*D9 is a clearinghouse trace number): a solicited
        // 275 is tied to the payer's claim by the request number in TRN02.
        header.Segment("DTP", "472", request.ServiceDateFrom == request.ServiceDateTo ? "D8" : "RD8", ServiceDates(request));
        var headerSegments = header.Count;

        var parts = new List<Func<CancellationToken, Task<Stream>>> { Bytes(header.ToArray()) };
        var number = 0;
        foreach (var document in request.Documents.OrderBy(d => d.Id))
        {
            number++;
            var loop = new X12Writer(delimiters);
            loop.Segment("LX", number.ToString(CultureInfo.InvariantCulture));
            loop.Segment("TRN", solicited ? "2" : "1", solicited ? request.PayerRequestNumber : attachmentControlNumber);
            loop.Begin("STC").Composite("R4", document.LoincCode, null, "LOI").End();
            loop.Segment("DTP", "368", "D8", date);
            loop.Segment("CAT", "AE", CatCode(document.Format));
            loop.Segment("EFI", "05");
            var prefix = Encoding.Latin1.GetBytes(loop.ToString() + "BIN" + (char)delimiters.Element +
                document.Size.ToString(CultureInfo.InvariantCulture) + (char)delimiters.Element);
            parts.Add(Bytes(prefix));
            var id = AttachmentId.Parse(document.AttachmentId);
            parts.Add(ct => store.OpenReadAsync(id, ct));
            parts.Add(Bytes([delimiters.Segment]));
        }

        var trailer = new X12Writer(delimiters);
        trailer.Segment("SE", (headerSegments + (number * SegmentsPerDocument) + 1).ToString(CultureInfo.InvariantCulture), "0001");
        trailer.Segment("GE", "1", groupNumber);
        trailer.Segment("IEA", "1", controlNumber);
        parts.Add(Bytes(trailer.ToArray()));
        return new SequenceReadStream(parts);
    }

    // CAT02 names the attachment's format for the payer.
    private static string CatCode(DocumentFormats format) => format switch
    {
        DocumentFormats.Pdf => "PDF",
        DocumentFormats.Tiff => "TIF",
        DocumentFormats.Jpeg => "JPG",
        DocumentFormats.Png => "PNG",
        _ => "XML",
    };

    private static string ServiceDates(AttachmentRequest request)
    {
        var from = request.ServiceDateFrom.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return request.ServiceDateFrom == request.ServiceDateTo
            ? from
            : from + "-" + request.ServiceDateTo.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }

    private static (string Last, string? First) SplitName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.LastIndexOf(' ');
        return space < 0 ? (trimmed.ToUpperInvariant(), null) : (trimmed[(space + 1)..].ToUpperInvariant(), trimmed[..space].ToUpperInvariant());
    }

    private static Func<CancellationToken, Task<Stream>> Bytes(byte[] bytes) => _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false));
}
