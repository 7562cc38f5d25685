using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using SubmissionGateway.Protection.Envelope;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// A temporary, owner-only file that holds a document while it is judged, sealed in AES-256-GCM regions under a key
/// that lives only in this object: what reaches the disk is ciphertext, and it becomes unreadable the moment the
/// process lets go of the key (the file is also deleted on close). Written forward once, then read with seeking, which
/// PdfPig needs, one region decrypted at a time; memory stays at one pooled region whatever the document's size.
/// </summary>
internal sealed class EncryptedSpool : Stream
{
    // Small regions: PdfPig jumps around (cross-reference table, objects), and each jump decrypts at most one region.
    private const int RegionSize = 64 * 1024;
    private const int FrameSize = EnvelopeFormat.NonceSize + RegionSize + EnvelopeFormat.TagSize;

    private readonly SafeFileHandle _file;
    private readonly AesGcm _aes;
    private readonly byte[] _frame = ArrayPool<byte>.Shared.Rent(FrameSize);
    private readonly byte[] _associatedData = new byte[EnvelopeFormat.AssociatedDataSize];
    private int _filled;
    private long _length;
    private bool _sealed;
    private long _position;
    private long _loadedRegion = -1;
    private bool _disposed;

    private EncryptedSpool(SafeFileHandle file, byte[] key)
    {
        _file = file;
        _aes = new AesGcm(key, EnvelopeFormat.TagSize);
    }

    /// <summary>Creates an empty spool in <paramref name="folder"/> (the system's temporary folder when null).</summary>
    public static EncryptedSpool Create(string? folder = null)
    {
        var path = Path.Combine(folder ?? Path.GetTempPath(), "sgw-" + Guid.NewGuid().ToString("N") + ".spool");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            // Nothing here relies on exclusion: the name is random, the mode owner-only and the content ciphertext.
            Share = FileShare.ReadWrite | FileShare.Delete,
            Options = FileOptions.DeleteOnClose,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var handle = File.OpenHandle(path, options.Mode, options.Access, options.Share, options.Options, preallocationSize: 0);
        var key = RandomNumberGenerator.GetBytes(EnvelopeFormat.DataKeySize);
        try
        {
            return new EncryptedSpool(handle, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public override bool CanRead => _sealed && !_disposed;

    public override bool CanSeek => _sealed && !_disposed;

    public override bool CanWrite => !_sealed && !_disposed;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <summary>Ends writing: the last region is sealed and the spool becomes a seekable read stream at position 0.</summary>
    public void Seal()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_sealed)
        {
            return;
        }

        if (_filled > 0)
        {
            WriteFrame();
        }

        _sealed = true;
        _position = 0;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureWritable();
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, RegionSize - _filled);
            buffer[..n].CopyTo(_frame.AsSpan(EnvelopeFormat.NonceSize + _filled));
            _filled += n;
            _length += n;
            _position += n;
            buffer = buffer[n..];
            if (_filled == RegionSize)
            {
                WriteFrame();
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    // Local disk, one region at a time: the synchronous write is what an async one would do on a thread-pool thread.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        EnsureReadable();
        if (buffer.IsEmpty || _position >= _length)
        {
            return 0;
        }

        var region = _position / RegionSize;
        Load(region);
        var at = (int)(_position - (region * RegionSize));
        var available = (int)Math.Min(RegionSize - at, _length - _position);
        var n = Math.Min(buffer.Length, available);
        _frame.AsSpan(EnvelopeFormat.NonceSize + at, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        EnsureReadable();
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    private void WriteFrame()
    {
        var index = _length / RegionSize - (_filled == RegionSize ? 1 : 0);
        Seal(_frame, _filled, index);
        RandomAccess.Write(_file, _frame.AsSpan(0, EnvelopeFormat.NonceSize + _filled + EnvelopeFormat.TagSize), index * FrameSize);
        _filled = 0;
    }

    private void Seal(byte[] frame, int length, long index)
    {
        var nonce = frame.AsSpan(0, EnvelopeFormat.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        // The index is bound so regions cannot be swapped; the length is held here, not read from the file, so a
        // truncated or extended spool fails to decrypt instead of reading short.
        EnvelopeFormat.WriteAssociatedData(_associatedData, index, isFinal: false);
        var region = frame.AsSpan(EnvelopeFormat.NonceSize, length);
        _aes.Encrypt(nonce, region, region, frame.AsSpan(EnvelopeFormat.NonceSize + length, EnvelopeFormat.TagSize), _associatedData);
    }

    private void Load(long region)
    {
        if (region == _loadedRegion)
        {
            return;
        }

        _loadedRegion = -1;
        var length = (int)Math.Min(RegionSize, _length - (region * RegionSize));
        var frameLength = EnvelopeFormat.NonceSize + length + EnvelopeFormat.TagSize;
        if (RandomAccess.Read(_file, _frame.AsSpan(0, frameLength), region * FrameSize) != frameLength)
        {
            throw new EnvelopeException($"The spooled document ends early in region {region}: it was truncated.");
        }

        EnvelopeFormat.WriteAssociatedData(_associatedData, region, isFinal: false);
        var data = _frame.AsSpan(EnvelopeFormat.NonceSize, length);
        try
        {
            _aes.Decrypt(_frame.AsSpan(0, EnvelopeFormat.NonceSize), data, _frame.AsSpan(EnvelopeFormat.NonceSize + length, EnvelopeFormat.TagSize), data, _associatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new EnvelopeException($"Region {region} of the spooled document failed authentication: the file was altered.", e);
        }

        _loadedRegion = region;
    }

    private void EnsureWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_sealed)
        {
            throw new InvalidOperationException("The spool is sealed; it can only be read.");
        }
    }

    private void EnsureReadable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_sealed)
        {
            throw new InvalidOperationException("The spool is read only after it is sealed.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_frame.AsSpan(0, FrameSize));
            ArrayPool<byte>.Shared.Return(_frame);
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
