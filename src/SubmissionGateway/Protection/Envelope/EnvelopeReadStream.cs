using System.Buffers;
using System.Security.Cryptography;

namespace SubmissionGateway.Protection.Envelope;

/// <summary>
/// Decrypts a sealed payload region by region. A region's plaintext is released only after its tag verified,
/// and the end of the stream is reported only after the region flagged final verified with nothing after it,
/// so a reader that reaches the end has the whole, unaltered payload.
/// </summary>
internal sealed class EnvelopeReadStream : Stream
{
    private readonly Stream _source;
    private readonly AesGcm _aes;
    private readonly int _regionSize;
    private readonly byte[] _frame;
    private readonly byte[] _associatedData = new byte[EnvelopeFormat.AssociatedDataSize];
    private readonly byte[] _lookahead = new byte[1];
    private bool _carried;
    private long _index;
    private int _position;
    private int _available;
    private bool _finished;
    private bool _disposed;

    public EnvelopeReadStream(Stream source, ReadOnlySpan<byte> dataKey, int regionSize)
    {
        _source = source;
        _aes = new AesGcm(dataKey, EnvelopeFormat.TagSize);
        _regionSize = regionSize;
        _frame = ArrayPool<byte>.Shared.Rent(EnvelopeFormat.FrameSize(regionSize));
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_position == _available)
        {
            if (_finished)
            {
                return 0;
            }

            // The synchronous path runs the same code; with useAsync false every await completes synchronously.
            LoadRegionAsync(useAsync: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return CopyOut(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_position == _available)
        {
            if (_finished)
            {
                return 0;
            }

            await LoadRegionAsync(useAsync: true, cancellationToken).ConfigureAwait(false);
        }

        return CopyOut(buffer.Span);
    }

    /// <summary>Writes each verified region straight from the decryption buffer, saving a copy per region.</summary>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            if (_position < _available)
            {
                await destination.WriteAsync(_frame.AsMemory(EnvelopeFormat.NonceSize + _position, _available - _position), cancellationToken).ConfigureAwait(false);
                _position = _available;
            }

            if (_finished)
            {
                return;
            }

            await LoadRegionAsync(useAsync: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private int CopyOut(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _available - _position);
        _frame.AsSpan(EnvelopeFormat.NonceSize + _position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    private async ValueTask LoadRegionAsync(bool useAsync, CancellationToken cancellationToken)
    {
        var frameSize = EnvelopeFormat.FrameSize(_regionSize);
        var filled = 0;
        if (_carried)
        {
            _frame[0] = _lookahead[0];
            filled = 1;
        }

        filled += await ReadAtLeastAsync(_frame.AsMemory(filled, frameSize - filled), useAsync, cancellationToken).ConfigureAwait(false);
        if (filled == 0)
        {
            throw new EnvelopeException($"The payload ends after segment {_index - 1} without its final segment: it was truncated.");
        }

        if (filled < EnvelopeFormat.NonceSize + EnvelopeFormat.TagSize)
        {
            throw new EnvelopeException($"Segment {_index} is shorter than a nonce and a tag: the payload was truncated or extended.");
        }

        var isFinal = filled < frameSize;
        _carried = false;
        if (!isFinal)
        {
            _carried = await ReadAtLeastAsync(_lookahead, useAsync, cancellationToken).ConfigureAwait(false) == 1;
            isFinal = !_carried;
        }

        var length = filled - EnvelopeFormat.NonceSize - EnvelopeFormat.TagSize;
        EnvelopeFormat.WriteAssociatedData(_associatedData, _index, isFinal);
        var region = _frame.AsSpan(EnvelopeFormat.NonceSize, length);
        try
        {
            _aes.Decrypt(
                _frame.AsSpan(0, EnvelopeFormat.NonceSize), region,
                _frame.AsSpan(EnvelopeFormat.NonceSize + length, EnvelopeFormat.TagSize), region, _associatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            // Decrypt zeroes the output on failure, so no unauthenticated plaintext stays in the buffer.
            throw new EnvelopeException(
                $"Segment {_index} failed authentication: the payload was altered, reordered, truncated or extended.", e);
        }

        _index++;
        _position = 0;
        _available = length;
        _finished = isFinal;
    }

    private Task<int> ReadAtLeastAsync(Memory<byte> buffer, bool useAsync, CancellationToken cancellationToken)
        => useAsync
            ? _source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).AsTask()
            : Task.FromResult(_source.ReadAtLeast(buffer.Span, buffer.Length, throwOnEndOfStream: false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_frame.AsSpan(0, EnvelopeFormat.FrameSize(_regionSize)));
            ArrayPool<byte>.Shared.Return(_frame);
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_frame.AsSpan(0, EnvelopeFormat.FrameSize(_regionSize)));
            ArrayPool<byte>.Shared.Return(_frame);
            await _source.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}
