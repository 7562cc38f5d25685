namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// A write-only, owner-only file for one sealed payload. Bytes are staged in a block-aligned buffer; once a payload
/// fills the buffer (it is large), the file is switched to O_DIRECT and written in whole blocks, so a 10 MB upload
/// does not first fault fresh page-cache pages in and copy itself there (on a VM that costs more than the AES-GCM).
/// Small payloads, and file systems that refuse O_DIRECT, are written through the page cache as before. Two buffers
/// take turns, so one is on its way to the disk while the sealer fills the other (a direct write waits for the device).
/// <see cref="CompleteAsync"/> writes the last (padded) block, cuts the file to its true length and fsyncs.
/// </summary>
internal sealed class PayloadFileStream : Stream
{
    private readonly FileStream _file;
    private readonly bool _tryDirect;
    private AlignedBlockBuffer? _staging;
    private AlignedBlockBuffer? _spare;
    private Task _pending = Task.CompletedTask;
    private int _staged;
    private long _length;
    private bool _completed;

    private PayloadFileStream(FileStream file, bool tryDirect, int stagingSize)
    {
        _file = file;
        _tryDirect = tryDirect;
        _staging = AlignedBlockBuffer.Rent(stagingSize);
        _spare = AlignedBlockBuffer.Rent(stagingSize);
    }

    /// <summary>Whether the payload went to disk bypassing the page cache.</summary>
    public bool WentDirect { get; private set; }

    /// <summary>Creates <paramref name="path"/> (it must not exist) readable and writable by the owner only.</summary>
    public static PayloadFileStream Create(string path, bool tryDirect, int stagingSize = AlignedBlockBuffer.DefaultSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stagingSize, AlignedBlockBuffer.BlockSize);
        if (stagingSize % AlignedBlockBuffer.BlockSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stagingSize), "The staging size is a whole number of blocks.");
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new PayloadFileStream(new FileStream(path, options), tryDirect, stagingSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_completed && _staging is not null;

    public override long Length => _length + _staged;

    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var staging = Staging();
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, staging.Size - _staged);
            buffer[..take].CopyTo(staging.Span[_staged..]);
            _staged += take;
            buffer = buffer[take..];
            if (_staged == staging.Size)
            {
                PrepareFullBuffer();
                _pending.GetAwaiter().GetResult();
                RandomAccess.Write(_file.SafeFileHandle, staging.Span, _length);
                _length += _staged;
                _staged = 0;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var staging = Staging();
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, staging.Size - _staged);
            buffer.Span[..take].CopyTo(staging.Span[_staged..]);
            _staged += take;
            buffer = buffer[take..];
            if (_staged == staging.Size)
            {
                PrepareFullBuffer();
                await _pending.ConfigureAwait(false);
                _pending = RandomAccess.WriteAsync(_file.SafeFileHandle, staging.Memory, _length, cancellationToken).AsTask();
                _length += _staged;
                _staged = 0;
                (_staging, _spare) = (_spare, _staging);
                staging = _staging!;
            }
        }
    }

    /// <summary>Nothing is written short of whole blocks until <see cref="CompleteAsync"/>: a flush alone does not end the payload.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes what is staged, sets the file to its true length and forces it to disk. No writes after this.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var staging = Staging();
        await _pending.ConfigureAwait(false);
        if (_staged > 0)
        {
            if (WentDirect)
            {
                // O_DIRECT writes whole blocks: pad the last one with zeros, then cut the padding off again.
                var padded = (_staged + AlignedBlockBuffer.BlockSize - 1) / AlignedBlockBuffer.BlockSize * AlignedBlockBuffer.BlockSize;
                staging.Span[_staged..padded].Clear();
                await RandomAccess.WriteAsync(_file.SafeFileHandle, staging.Memory[..padded], _length, cancellationToken).ConfigureAwait(false);
                _length += _staged;
                _file.SetLength(_length);
            }
            else
            {
                await RandomAccess.WriteAsync(_file.SafeFileHandle, staging.Memory[.._staged], _length, cancellationToken).ConfigureAwait(false);
                _length += _staged;
            }

            _staged = 0;
        }

        _file.Flush(flushToDisk: true);
        _completed = true;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await SettlePendingAsync().ConfigureAwait(false);
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A write still in flight reads from a buffer: let it end before the buffer goes back to the pool.
            SettlePendingAsync().GetAwaiter().GetResult();
            _file.Dispose();
            _staging?.Return();
            _spare?.Return();
            _staging = null;
            _spare = null;
        }

        base.Dispose(disposing);
    }

    // Only on the way out (a failed or abandoned payload, whose file is deleted): its outcome no longer matters.
    private async Task SettlePendingAsync()
    {
        try
        {
            await _pending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already surfaced to the writer, or the writer is failing for another reason that matters more.
        }

        _pending = Task.CompletedTask;
    }

    // The first full buffer is where a payload proves large: switch then, at offset 0, so every direct write is aligned.
    private void PrepareFullBuffer()
    {
        if (_length == 0 && _tryDirect)
        {
            WentDirect = DirectIo.TryEnable(_file.SafeFileHandle);
        }
    }

    private AlignedBlockBuffer Staging()
    {
        ObjectDisposedException.ThrowIf(_staging is null, this);
        if (_completed)
        {
            throw new InvalidOperationException("The payload file is complete.");
        }

        return _staging;
    }
}
