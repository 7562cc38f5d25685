using System.Buffers;

namespace SubmissionGateway.X12.Reading;

/// <summary>
/// Forward-only reader of X12 segments over a stream, in the spirit of <c>Utf8JsonReader</c>: no string per
/// element, the position of every segment kept, delimiters taken from each ISA. BIN and BDS segments are read by
/// their declared length and their payload is exposed as a stream, so a large attachment never sits in memory.
/// </summary>
public sealed class X12Reader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;
    private const int IsaScanLimit = 512;
    private const int MinimumRead = 4096;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _maxSegmentLength;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private int[] _starts = new int[64];
    private int _startCount;
    private int _segStart;
    private int _segLength;
    private bool _started;
    private bool _expectInterchange = true;
    private long _binaryRemaining;
    private bool _binaryPending;
    private bool _disposed;

    public X12Reader(Stream stream, X12ReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxSegmentLength = (options ?? X12ReaderOptions.Default).MaxSegmentLength;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(InitialBufferSize, Math.Min(_maxSegmentLength, 1 << 20)));
    }

    /// <summary>The delimiters of the interchange being read; default before the first ISA.</summary>
    public X12Delimiters Delimiters { get; private set; }

    /// <summary>Byte offset of the current segment in the input (after any byte-order mark).</summary>
    public long SegmentOffset { get; private set; }

    /// <summary>1-based ordinal of the current segment in the input.</summary>
    public long SegmentNumber { get; private set; }

    /// <summary>True when the current segment is BIN or BDS and carries a binary payload.</summary>
    public bool HasBinaryPayload { get; private set; }

    /// <summary>The declared length of the current segment's binary payload.</summary>
    public long BinaryPayloadLength { get; private set; }

    /// <summary>True when the input began with a UTF-8 byte-order mark (tolerated and skipped).</summary>
    public bool HadByteOrderMark { get; private set; }

    /// <summary>The current segment: valid until the next <see cref="Read"/> or a read of the binary payload.</summary>
    public X12Segment Segment => new(_buffer.AsSpan(_segStart, _segLength), _starts.AsSpan(0, _startCount), Delimiters);

    /// <summary>Advances to the next segment. Returns false at the end of the input.</summary>
    /// <exception cref="X12FormatException">The input cannot be read as X12 from here on.</exception>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_binaryPending)
        {
            FinishBinaryPayload();
        }

        HasBinaryPayload = false;
        BinaryPayloadLength = 0;

        if (!_started)
        {
            _started = true;
            EnsureBytes(3);
            if (_end - _pos >= 3 && _buffer[_pos] == 0xEF && _buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF)
            {
                _pos += 3;
                HadByteOrderMark = true;
            }
        }

        SkipLineBreaks();
        if (!EnsureBytes(1))
        {
            return false;
        }

        if (StartsWithIsa())
        {
            ParseInterchangeHeader();
            _expectInterchange = false;
        }
        else if (_expectInterchange && Delimiters == default)
        {
            throw new X12FormatException(
                "The file does not start with an ISA interchange header, so it is not an X12 interchange.",
                _bufferOffset + _pos, X12FormatError.NotX12);
        }

        SegmentOffset = _bufferOffset + _pos;
        SegmentNumber++;

        if (IsBinarySegment(out var lengthElement))
        {
            ReadBinaryHeader(lengthElement);
            return true;
        }

        if (!ReadDelimitedSegment())
        {
            SegmentNumber--;
            return false;
        }

        var id = _buffer.AsSpan(_segStart, _segLength);
        if (id.StartsWith("IEA"u8) && (id.Length == 3 || id[3] == Delimiters.Element))
        {
            _expectInterchange = true;
        }

        return true;
    }

    /// <summary>Opens the current BIN/BDS payload as a stream of exactly <see cref="BinaryPayloadLength"/> bytes.
    /// Reading it invalidates <see cref="Segment"/>; what is not read is skipped by the next <see cref="Read"/>.</summary>
    public Stream OpenBinaryPayload()
    {
        if (!HasBinaryPayload)
        {
            throw new InvalidOperationException("The current segment has no binary payload.");
        }

        return new BinaryPayloadStream(this);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    internal int ReadPayload(Span<byte> destination)
    {
        if (_binaryRemaining == 0 || destination.IsEmpty)
        {
            return 0;
        }

        var wanted = (int)Math.Min(destination.Length, _binaryRemaining);
        int read;
        if (_end > _pos)
        {
            read = Math.Min(wanted, _end - _pos);
            _buffer.AsSpan(_pos, read).CopyTo(destination);
            _pos += read;
        }
        else
        {
            read = _stream.Read(destination[..wanted]);
            if (read == 0)
            {
                throw new X12FormatException(
                    $"The input ended inside a binary payload: {_binaryRemaining} of the declared bytes are missing.",
                    _bufferOffset + _pos, X12FormatError.InvalidBinaryLength);
            }

            // The payload was read around the buffer: the buffer now starts after it.
            _bufferOffset += _end + read;
            _pos = 0;
            _end = 0;
        }

        _binaryRemaining -= read;
        return read;
    }

    internal long PayloadRemaining => _binaryRemaining;

    private void FinishBinaryPayload()
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (_binaryRemaining > 0)
        {
            ReadPayload(scratch);
        }

        _binaryPending = false;
        if (!EnsureBytes(1) || _buffer[_pos] != Delimiters.Segment)
        {
            throw new X12FormatException(
                "The binary segment's declared length does not match its content: the byte after the payload is not the segment terminator.",
                _bufferOffset + _pos, X12FormatError.InvalidBinaryLength);
        }

        _pos++;
    }

    private void SkipLineBreaks()
    {
        while (EnsureBytes(1))
        {
            var b = _buffer[_pos];
            if ((b == '\r' || b == '\n') && b != Delimiters.Segment)
            {
                _pos++;
                continue;
            }

            break;
        }
    }

    private bool StartsWithIsa()
    {
        if (!EnsureBytes(4))
        {
            return false;
        }

        if (_buffer[_pos] != 'I' || _buffer[_pos + 1] != 'S' || _buffer[_pos + 2] != 'A')
        {
            return false;
        }

        // After IEA (or at the start) any separator may follow ISA; inside an interchange only the current one.
        var next = _buffer[_pos + 3];
        return _expectInterchange || next == Delimiters.Element;
    }

    private void ParseInterchangeHeader()
    {
        EnsureBytes(IsaScanLimit);
        var available = Math.Min(_end - _pos, IsaScanLimit);
        var isa = _buffer.AsSpan(_pos, available);
        var element = isa[3];
        if (element is (byte)'\r' or (byte)'\n' || char.IsAsciiLetterOrDigit((char)element) || element == ' ')
        {
            throw new X12FormatException(
                $"The ISA segment's element separator (the 4th byte) is '{Printable(element)}', which cannot be a delimiter.",
                _bufferOffset + _pos, X12FormatError.InvalidInterchangeHeader);
        }

        var separators = 0;
        var i = 3;
        var isa11Start = -1;
        for (; i < isa.Length && separators < 16; i++)
        {
            if (isa[i] == element)
            {
                separators++;
                if (separators == 11)
                {
                    isa11Start = i + 1;
                }
            }
        }

        // i is now the first byte of ISA16 (the component separator); the terminator follows it.
        if (separators < 16 || i + 1 >= isa.Length)
        {
            throw new X12FormatException(
                "The ISA interchange header is incomplete: it must have 16 elements followed by the segment terminator.",
                _bufferOffset + _pos, X12FormatError.InvalidInterchangeHeader);
        }

        var component = isa[i];
        var terminator = isa[i + 1];
        // Pre-5010 habit: ISA11 'U' (or any letter/digit) means no repetition separator at all; a space never splits data.
        var repetition = char.IsAsciiLetterOrDigit((char)isa[isa11Start]) || isa[isa11Start] == ' ' ? (byte)0 : isa[isa11Start];
        var delimiters = new X12Delimiters(element, repetition, component, terminator);
        // ISA11 may be 'U' (pre-5010) or equal ISA16 in files that never repeat an element; the validator reports it.
        if (element == component || element == terminator || component == terminator)
        {
            throw new X12FormatException(
                $"The ISA header declares delimiters that clash: element '{Printable(element)}', repetition '{Printable(repetition)}', component '{Printable(component)}', segment '{Printable(terminator)}'.",
                _bufferOffset + _pos, X12FormatError.InvalidInterchangeHeader);
        }

        // A space is data (the ISA's own fields are padded with it), so it can never delimit: a file that says so cannot be
        // read the way its sender meant, nor re-enveloped (fuzzing the intake found one the payer's copy could not carry).
        if (terminator == ' ' || component == ' ')
        {
            throw new X12FormatException(
                $"The ISA header's component separator '{Printable(component)}' or segment terminator '{Printable(terminator)}' is a space, which cannot be a delimiter.",
                _bufferOffset + _pos, X12FormatError.InvalidInterchangeHeader);
        }

        if (char.IsAsciiLetterOrDigit((char)terminator) || char.IsAsciiLetterOrDigit((char)component))
        {
            throw new X12FormatException(
                $"The ISA header's component separator '{Printable(component)}' or segment terminator '{Printable(terminator)}' is a letter or digit: the header is malformed or truncated.",
                _bufferOffset + _pos, X12FormatError.InvalidInterchangeHeader);
        }

        Delimiters = delimiters;
    }

    private bool IsBinarySegment(out int lengthElement)
    {
        lengthElement = 0;
        if (!EnsureBytes(4))
        {
            return false;
        }

        var b = _buffer.AsSpan(_pos, 4);
        if (b[3] != Delimiters.Element || b[0] != 'B')
        {
            return false;
        }

        if (b[1] == 'I' && b[2] == 'N')
        {
            lengthElement = 1;
            return true;
        }

        if (b[1] == 'D' && b[2] == 'S')
        {
            lengthElement = 2;
            return true;
        }

        return false;
    }

    private void ReadBinaryHeader(int lengthElement)
    {
        // The header is the segment id and the elements up to and including the length, then the payload.
        var separatorsNeeded = lengthElement + 1;
        var scanned = 0;
        var found = 0;
        _startCount = 0;
        AddStart(0);
        while (true)
        {
            if (_pos + scanned >= _end)
            {
                if (scanned > 64 || !EnsureBytes(scanned + 1))
                {
                    throw new X12FormatException(
                        "A binary segment (BIN/BDS) has no valid length element before its payload.",
                        _bufferOffset + _pos, X12FormatError.InvalidBinaryLength);
                }
            }

            var b = _buffer[_pos + scanned];
            if (b == Delimiters.Element)
            {
                found++;
                AddStart(scanned + 1);
                if (found == separatorsNeeded)
                {
                    break;
                }
            }
            else if (b == Delimiters.Segment)
            {
                break;
            }

            scanned++;
            if (scanned > 64)
            {
                throw new X12FormatException(
                    "A binary segment (BIN/BDS) has no valid length element before its payload.",
                    _bufferOffset + _pos, X12FormatError.InvalidBinaryLength);
            }
        }

        var headerLength = scanned + 1;
        var lengthStart = _starts[lengthElement];
        var lengthSpan = _buffer.AsSpan(_pos + lengthStart, Math.Max(0, _starts[lengthElement + 1] - 1 - lengthStart));
        if (found < separatorsNeeded || !X12Text.TryParseDigits(lengthSpan, out var length))
        {
            throw new X12FormatException(
                $"The binary segment's length element is not a number: '{X12Text.ToText(lengthSpan)}'.",
                _bufferOffset + _pos, X12FormatError.InvalidBinaryLength);
        }

        // The payload element is presented as empty; its bytes come through OpenBinaryPayload.
        AddStart(headerLength + 1);
        _segStart = _pos;
        _segLength = headerLength;
        _pos += headerLength;
        HasBinaryPayload = true;
        BinaryPayloadLength = length;
        _binaryRemaining = length;
        _binaryPending = true;
    }

    private bool ReadDelimitedSegment()
    {
        var terminator = Delimiters.Segment;
        var searched = 0;
        int at;
        while (true)
        {
            at = _buffer.AsSpan(_pos + searched, _end - _pos - searched).IndexOf(terminator);
            if (at >= 0)
            {
                at += searched;
                break;
            }

            searched = _end - _pos;
            if (searched >= _maxSegmentLength)
            {
                throw new X12FormatException(
                    $"No segment terminator '{Printable(terminator)}' within {_maxSegmentLength} bytes: the file is not X12 or its delimiters are wrong.",
                    _bufferOffset + _pos, X12FormatError.SegmentTooLong);
            }

            if (!Fill())
            {
                if (_buffer.AsSpan(_pos, _end - _pos).TrimEnd("\r\n \t\0\x1A"u8).IsEmpty)
                {
                    // Trailing padding after the last segment (spaces, NULs, an end-of-file mark) is not content.
                    _pos = _end;
                    return false;
                }

                throw new X12FormatException(
                    $"The input ended inside a segment that has no terminator '{Printable(terminator)}'.",
                    _bufferOffset + _pos, X12FormatError.UnexpectedEnd);
            }
        }

        var length = at;
        // A CR before an LF terminator belongs to the line break, not to the last element.
        if (terminator == '\n' && length > 0 && _buffer[_pos + length - 1] == '\r')
        {
            length--;
        }

        _segStart = _pos;
        _segLength = length;
        SplitElements(_buffer.AsSpan(_pos, length));
        _pos += at + 1;
        return true;
    }

    private void SplitElements(ReadOnlySpan<byte> segment)
    {
        var separator = Delimiters.Element;
        _startCount = 0;
        AddStart(0);
        var offset = 0;
        while (true)
        {
            var next = segment[offset..].IndexOf(separator);
            if (next < 0)
            {
                break;
            }

            offset += next + 1;
            AddStart(offset);
        }

        AddStart(segment.Length + 1);
    }

    private void AddStart(int value)
    {
        if (_startCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }

        _starts[_startCount++] = value;
    }

    private void Compact()
    {
        var remaining = _end - _pos;
        if (remaining > 0 && _pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, remaining);
        }

        _bufferOffset += _pos;
        _pos = 0;
        _end = remaining;
    }

    private bool EnsureBytes(int count)
    {
        while (_end - _pos < count)
        {
            if (!Fill())
            {
                return _end - _pos >= count;
            }
        }

        return true;
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        // Compact only when a read would be small: moving the unread tail per segment would copy the whole buffer each time.
        if (_buffer.Length - _end < MinimumRead && _pos > 0)
        {
            Compact();
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    private static string Printable(byte b) => b switch
    {
        (byte)'\r' => "\\r",
        (byte)'\n' => "\\n",
        (byte)'\t' => "\\t",
        < 32 or > 126 => $"0x{b:X2}",
        _ => ((char)b).ToString(),
    };
}
