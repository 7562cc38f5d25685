using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// The embedded default: one sealed file per payload under <c>{data}/attachments</c>. Files are written to
/// <c>.incoming</c>, flushed to disk and renamed, so a reader never sees a partial payload. Large payloads are written
/// with O_DIRECT where the file system allows it (see <see cref="PayloadFileStream"/>).
/// </summary>
public sealed class FileAttachmentStore : IAttachmentStore
{
    private const string PayloadExtension = ".sgwe";
    private const string DeliveredExtension = ".delivered";

    private readonly string _folder;
    private readonly string _incoming;
    private readonly IKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly int _regionSize;
    private readonly bool _directWrites;
    private long _directPuts;

    public FileAttachmentStore(string dataFolder, IKeyRing keys, TimeProvider time)
        : this(dataFolder, keys, time, EnvelopeFormat.DefaultRegionSize)
    {
    }

    internal FileAttachmentStore(string dataFolder, IKeyRing keys, TimeProvider time, int regionSize, bool directWrites = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        _folder = Path.Combine(Path.GetFullPath(dataFolder), "attachments");
        _incoming = Path.Combine(_folder, ".incoming");
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _regionSize = regionSize;
        _directWrites = directWrites;
    }

    /// <summary>How many payloads this store wrote bypassing the page cache (tests prove the direct path was taken).</summary>
    internal long DirectPuts => Interlocked.Read(ref _directPuts);

    public async Task<AttachmentReceipt> PutAsync(Stream plaintext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        CreateFolders();
        var id = AttachmentId.New();
        var key = await _keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var temporary = IncomingPath();
        try
        {
            SealedPayload sealedPayload;
            using var digest = new PlaintextDigestStream(plaintext);
            var output = PayloadFileStream.Create(temporary, _directWrites);
            await using (output.ConfigureAwait(false))
            {
                sealedPayload = await EnvelopeWriter.SealAsync(
                    digest, output, key, _keys.WrapAlgorithm, _time.GetUtcNow(), _regionSize, cancellationToken).ConfigureAwait(false);
                await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
                if (output.WentDirect)
                {
                    Interlocked.Increment(ref _directPuts);
                }
            }

            File.Move(temporary, PayloadPath(id), overwrite: false);
            return new AttachmentReceipt(id, sealedPayload.Size, digest.Sha256Hex(), sealedPayload.KeyId, sealedPayload.StoredAt);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public async Task<Stream> OpenReadAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var source = OpenPayload(id, FileAccess.Read);
        try
        {
            return await EnvelopeReader.OpenAsync(source, _keys, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<bool> DeleteAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            return false; // nothing was ever stored here
        }

        var path = PayloadPath(id);
        if (!File.Exists(path))
        {
            File.Delete(DeliveredPath(id));
            return false;
        }

        // Destroy the wrapped data key in place before unlinking, so a later undelete of the blocks or a copy
        // of the directory entry yields no key. (A copy made before this moment is what backups must expire.)
        FileStream stream;
        try
        {
            // Shared: a reader still open on the payload (a forward in flight) must not block retention.
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            File.Delete(DeliveredPath(id));
            return false;
        }

        await using (stream.ConfigureAwait(false))
        {
            var headerLength = Math.Min(stream.Length, 16 * 1024 + 8);
            var zeros = new byte[headerLength];
            await stream.WriteAsync(zeros, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
        File.Delete(DeliveredPath(id));
        return true;
    }

    public async Task<string> RewrapAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var key = await _keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        CreateFolders();
        var temporary = IncomingPath();
        try
        {
            var source = OpenPayload(id, FileAccess.Read);
            await using (source.ConfigureAwait(false))
            {
                var header = await EnvelopeReader.ReadHeaderAsync(source, cancellationToken).ConfigureAwait(false);
                if (header.KeyId == key.KeyId)
                {
                    return key.KeyId;
                }

                source.Position = 0;
                var output = PayloadFileStream.Create(temporary, _directWrites);
                await using (output.ConfigureAwait(false))
                {
                    await EnvelopeReader.RewrapAsync(source, output, _keys, key, _keys.WrapAlgorithm, cancellationToken).ConfigureAwait(false);
                    await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            // Replace, not move: if the payload was shredded meanwhile, it must not come back.
            File.Replace(temporary, PayloadPath(id), destinationBackupFileName: null);
            return key.KeyId;
        }
        catch (FileNotFoundException e)
        {
            File.Delete(temporary);
            throw AttachmentNotFoundException.For(id, e);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task MarkDeliveryFinishedAsync(AttachmentId id, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        if (!File.Exists(PayloadPath(id)))
        {
            throw AttachmentNotFoundException.For(id);
        }

        OwnerOnlyFile.WriteAtomically(DeliveredPath(id), Encoding.ASCII.GetBytes(finishedAt.ToString("O", CultureInfo.InvariantCulture)));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredAttachment> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_folder, "*" + PayloadExtension))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!AttachmentId.TryParse(Path.GetFileNameWithoutExtension(path), out var id))
            {
                continue;
            }

            EnvelopeHeader header;
            try
            {
                var source = OpenPayload(id, FileAccess.Read);
                await using (source.ConfigureAwait(false))
                {
                    header = await EnvelopeReader.ReadHeaderAsync(source, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AttachmentNotFoundException)
            {
                continue; // deleted while listing
            }

            yield return new StoredAttachment(id, header.KeyId, header.StoredAt, await ReadDeliveredAsync(id, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Removes uploads a crashed process left in <c>.incoming</c> (ciphertext, but never completed); uploads
    /// younger than <paramref name="olderThan"/> may still be in progress and are kept. Returns how many went.
    /// </summary>
    public int PurgeAbandonedUploads(TimeSpan olderThan)
    {
        if (!Directory.Exists(_incoming))
        {
            return 0;
        }

        var cutoff = _time.GetUtcNow().UtcDateTime - olderThan;
        var purged = 0;
        foreach (var path in Directory.EnumerateFiles(_incoming, "*.partial"))
        {
            if (File.GetLastWriteTimeUtc(path) < cutoff)
            {
                File.Delete(path);
                purged++;
            }
        }

        return purged;
    }

    private async Task<DateTimeOffset?> ReadDeliveredAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        try
        {
            var text = await File.ReadAllTextAsync(DeliveredPath(id), cancellationToken).ConfigureAwait(false);
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private FileStream OpenPayload(AttachmentId id, FileAccess access)
    {
        try
        {
            return new FileStream(PayloadPath(id), FileMode.Open, access, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw AttachmentNotFoundException.For(id, e);
        }
    }

    private void CreateFolders()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_incoming);
        }
        else
        {
            Directory.CreateDirectory(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(_incoming, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string IncomingPath() => Path.Combine(_incoming, Guid.NewGuid().ToString("N") + ".partial");

    private string PayloadPath(AttachmentId id) => Path.Combine(_folder, id.Value + PayloadExtension);

    private string DeliveredPath(AttachmentId id) => Path.Combine(_folder, id.Value + DeliveredExtension);
}
