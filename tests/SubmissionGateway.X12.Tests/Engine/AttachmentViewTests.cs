using System.Security.Cryptography;
using System.Text;
using Shouldly;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class AttachmentViewTests
{
    private const string Pdf = "%PDF-1.4\n% synthetic test document: contains delimiters * ~ : ^ on purpose\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

    [Fact]
    public void A_275_names_its_parties_trace_and_document_with_the_payload_hash()
    {
        var report = new X12Validator().Validate(new MemoryStream(Corpus.Read("275/valid-unsolicited-pdf.x12")), TestContext.Current.CancellationToken);

        report.Accepted.ShouldBeTrue();
        var attachment = report.Transactions.Single().Attachment!;
        attachment.Payer!.Id.ShouldBe("SGWPAYER01");
        attachment.Provider!.Npi.ShouldBe("1234567893");
        attachment.Patient!.MemberId.ShouldBe("SGW00012345");
        attachment.TraceType.ShouldBe("1");
        attachment.IsSolicited.ShouldBeFalse();
        attachment.TraceNumber.ShouldBe("SGWATT0002");
        attachment.PatientControlNumber.ShouldBe("SGW-CLAIM-0002");
        attachment.ServiceDateFrom.ShouldBe(new DateOnly(2026, 11, 12));
        var document = attachment.Documents.ShouldHaveSingleItem();
        document.LoincCodes.ShouldBe(["18842-5"]);
        document.Format.ShouldBe("AE:PDF");
        document.Length.ShouldBe(Encoding.ASCII.GetByteCount(Pdf));
        document.Sha256.ShouldBe(SHA256.HashData(Encoding.ASCII.GetBytes(Pdf)));
    }

    [Fact]
    public void The_payload_sink_receives_exactly_the_payload_bytes()
    {
        byte[]? received = null;
        BinaryPayload where = default;
        var validator = new X12Validator(options: new X12ValidatorOptions
        {
            BinaryPayloadSink = (info, stream) =>
            {
                where = info;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                received = copy.ToArray();
            },
        });

        validator.Validate(new MemoryStream(Corpus.Read("275/valid-unsolicited-pdf.x12")), TestContext.Current.CancellationToken).Accepted.ShouldBeTrue();

        Encoding.ASCII.GetString(received!).ShouldBe(Pdf);
        where.TransactionControlNumber.ShouldBe("0001");
        where.DocumentNumber.ShouldBe(1);
        where.SegmentPosition.ShouldBe(15);
    }
}
