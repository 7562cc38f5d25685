namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Where PdfPig's builder writes a rewrite. <c>PdfDocumentBuilder.Build()</c> completes the document into its stream and
/// then copies the whole stream back into an array (refusing outright a stream that cannot seek); this sink accepts the
/// seek and then reads as empty, so the rewrite goes only to <paramref name="inner"/> and is never held in memory.
/// Position is the number of bytes written, which is what the builder records as object offsets.
/// </summary>
internal sealed class RewriteSink(Stream inner) : Stream
{
    private long _written;
    private bool _rewound;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => !_rewound;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_rewound)
        {
            throw new InvalidOperationException("The rewrite was already completed.");
        }

        inner.Write(buffer);
        _written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    // The builder's copy-back after completing: from here on the sink reads as empty.
    public override long Seek(long offset, SeekOrigin origin)
    {
        _rewound = true;
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => 0;

    public override int Read(Span<byte> buffer) => 0;

    public override void Flush() => inner.Flush();

    public override void SetLength(long value) => throw new NotSupportedException();
}
