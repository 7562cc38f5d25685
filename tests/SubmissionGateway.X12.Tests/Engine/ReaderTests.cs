using System.Security.Cryptography;
using System.Text;
using Shouldly;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class ReaderTests
{
    private const string Isa = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261120*0930*^*00501*000000001*0*T*:~";

    [Fact]
    public void Delimiters_come_from_the_isa_and_elements_are_addressed_by_position()
    {
        var text = Isa.Replace('*', '|').Replace(':', '>').Replace('~', '\n').Replace("|^|", "|!|") + "GS|HC|A|B|20261120|0930|1|X|005010X222A1\n";
        using var reader = new X12Reader(new MemoryStream(Encoding.ASCII.GetBytes(text)));

        reader.Read().ShouldBeTrue();
        reader.Delimiters.ShouldBe(new X12Delimiters((byte)'|', (byte)'!', (byte)'>', (byte)'\n'));
        reader.Segment.GetString(6).ShouldBe("SENDER         ");
        reader.Read().ShouldBeTrue();
        reader.Segment.GetString(1).ShouldBe("HC");
        reader.Segment.GetString(8).ShouldBe("005010X222A1");
        reader.Segment[9].IsEmpty.ShouldBeTrue();
        reader.SegmentNumber.ShouldBe(2);
        reader.SegmentOffset.ShouldBe(text.IndexOf("GS", StringComparison.Ordinal));
        reader.Read().ShouldBeFalse();
    }

    [Fact]
    public void Byte_order_mark_and_line_breaks_are_tolerated_and_offsets_stay_true()
    {
        var text = "\uFEFF" + Isa + "\r\nGS*HC~\r\n";
        using var reader = new X12Reader(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        reader.Read().ShouldBeTrue();
        reader.HadByteOrderMark.ShouldBeTrue();
        reader.SegmentOffset.ShouldBe(3);
        reader.Read().ShouldBeTrue();
        reader.Segment.Id.SequenceEqual("GS"u8).ShouldBeTrue();
        reader.SegmentOffset.ShouldBe(3 + Isa.Length + 2);
        reader.Read().ShouldBeFalse();
    }

    [Fact]
    public void Components_are_split_with_the_declared_separator()
    {
        using var reader = new X12Reader(new MemoryStream(Encoding.ASCII.GetBytes(Isa + "SV1*HC:99213:25:59*100~")));
        reader.Read();
        reader.Read();
        X12Text.ToText(reader.Segment.GetComponent(1, 2)).ShouldBe("99213");
        X12Text.ToText(reader.Segment.GetComponent(1, 4)).ShouldBe("59");
        reader.Segment.GetComponent(1, 5).IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData("* ~")] // a space as the component separator
    [InlineData("*: \n")] // a space as the segment terminator (found by fuzzing the intake: the payer's copy could not carry it)
    public void A_space_is_never_a_delimiter(string isa16AndTerminator)
    {
        var text = Isa[..^3] + isa16AndTerminator + "GS*HC*A*B*20261120*0930*1*X*005010X222A1" + isa16AndTerminator[^1..];
        using var reader = new X12Reader(new MemoryStream(Encoding.ASCII.GetBytes(text)));

        var ex = Should.Throw<X12FormatException>(() => reader.Read());

        ex.Error.ShouldBe(X12FormatError.InvalidInterchangeHeader);
        ex.Message.ShouldContain("is a space");
    }

    [Fact]
    public void A_space_in_isa11_is_refused_in_the_ta1()
    {
        var text = Encoding.ASCII.GetString(Corpus.Read("837P/valid-office-visit.x12"));
        var isa11 = text.IndexOf("*^*", StringComparison.Ordinal);

        var interchange = new SubmissionGateway.X12.Validation.X12Validator()
            .Validate(new MemoryStream(Encoding.ASCII.GetBytes(text[..isa11] + "* *" + text[(isa11 + 3)..])), TestContext.Current.CancellationToken)
            .Interchanges.ShouldHaveSingleItem();

        interchange.EnvelopeAccepted.ShouldBeFalse();
        interchange.NoteCode.ShouldBe("026");
        interchange.Findings.ShouldHaveSingleItem().Message.ShouldContain("(ISA11) is a space");
    }

    [Fact]
    public void A_space_in_isa11_splits_nothing()
    {
        using var reader = new X12Reader(new MemoryStream(Encoding.ASCII.GetBytes(Isa.Replace("*^*", "* *", StringComparison.Ordinal) + "NM1*IL*1*TESTPATIENT*JANE Q~")));

        reader.Read().ShouldBeTrue();
        reader.Delimiters.Repetition.ShouldBe((byte)0);
        reader.Read().ShouldBeTrue();
        reader.Segment.GetString(4).ShouldBe("JANE Q");
    }

    [Fact]
    public void Input_that_is_not_x12_is_refused_at_byte_zero()
    {
        using var reader = new X12Reader(new MemoryStream("hello, payer"u8.ToArray()));
        var ex = Should.Throw<X12FormatException>(() => reader.Read());
        ex.Error.ShouldBe(X12FormatError.NotX12);
        ex.Offset.ShouldBe(0);
    }

    [Fact]
    public void A_segment_without_terminator_stops_at_the_limit_instead_of_buffering_everything()
    {
        var huge = new RepeatingStream(Encoding.ASCII.GetBytes(Isa + "NTE*"), (byte)'A', 50L * 1024 * 1024);
        using var reader = new X12Reader(huge, new X12ReaderOptions { MaxSegmentLength = 4096 });
        reader.Read().ShouldBeTrue();
        var ex = Should.Throw<X12FormatException>(() => reader.Read());
        ex.Error.ShouldBe(X12FormatError.SegmentTooLong);
        huge.Position.ShouldBeLessThan(1024 * 1024);
    }

    [Fact]
    public void A_large_bin_payload_streams_through_with_flat_memory_and_its_true_hash()
    {
        const long size = 64L * 1024 * 1024;
        var prefix = Encoding.ASCII.GetBytes(Isa + $"BIN*{size}*");
        var suffix = Encoding.ASCII.GetBytes("~SE*3*0001~");
        using var input = new RepeatingStream(prefix, (byte)'~', size, suffix);
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[1 << 20];
        chunk.AsSpan().Fill((byte)'~');
        for (long left = size; left > 0; left -= chunk.Length)
        {
            expected.AppendData(chunk, 0, (int)Math.Min(chunk.Length, left));
        }

        using var reader = new X12Reader(input);
        reader.Read().ShouldBeTrue();
        var before = GC.GetAllocatedBytesForCurrentThread();
        reader.Read().ShouldBeTrue();
        reader.HasBinaryPayload.ShouldBeTrue();
        reader.BinaryPayloadLength.ShouldBe(size);
        X12Text.ToText(reader.Segment[1]).ShouldBe(size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var payload = reader.OpenBinaryPayload())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = payload.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        reader.Read().ShouldBeTrue();
        reader.Segment.GetString(1).ShouldBe("3");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(2 * 1024 * 1024);
        hash.GetHashAndReset().ShouldBe(expected.GetHashAndReset());
    }

    [Fact]
    public void A_bin_length_that_lies_is_detected()
    {
        using var reader = new X12Reader(new MemoryStream(Encoding.ASCII.GetBytes(Isa + "BIN*5*ABCDEFGH~SE*1*1~")));
        reader.Read();
        reader.Read().ShouldBeTrue();
        var ex = Should.Throw<X12FormatException>(() => reader.Read());
        ex.Error.ShouldBe(X12FormatError.InvalidBinaryLength);
    }

    [Fact]
    public void Unread_payload_is_skipped_by_the_next_read()
    {
        using var reader = new X12Reader(new MemoryStream(Encoding.ASCII.GetBytes(Isa + "BIN*8*AB~CD*EF~SE*3*0001~")));
        reader.Read();
        reader.Read();
        reader.BinaryPayloadLength.ShouldBe(8);
        reader.Read().ShouldBeTrue();
        reader.Segment.Id.SequenceEqual("SE"u8).ShouldBeTrue();
    }

    /// <summary>A stream of a prefix, then one byte repeated, then a suffix; nothing held in memory.</summary>
    private sealed class RepeatingStream(byte[] prefix, byte fill, long count, byte[]? suffix = null) : Stream
    {
        private readonly byte[] _suffix = suffix ?? [];
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => prefix.Length + count + _suffix.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int length)
        {
            var written = 0;
            while (written < length && _position < Length)
            {
                var b = _position < prefix.Length ? prefix[_position]
                    : _position < prefix.Length + count ? fill
                    : _suffix[_position - prefix.Length - count];
                buffer[offset + written++] = b;
                _position++;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
