using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// One JSON file per head (sth-00000000000000001000.json), written to a temporary name and moved into place
/// without overwrite, then marked read-only: a crash leaves no half-written head and nothing is replaced.
/// </summary>
public sealed class FileSystemTreeHeadArchive : ITreeHeadArchive
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _directory;

    public FileSystemTreeHeadArchive(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = directory;
    }

    public async Task WriteAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        Directory.CreateDirectory(_directory);
        var final = Path.Combine(_directory, FileName(head.TreeSize));
        if (File.Exists(final))
        {
            throw new TreeHeadAlreadyArchivedException(head.TreeSize);
        }

        var temp = Path.Combine(_directory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await JsonSerializer.SerializeAsync(stream, head, Json, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                File.Move(temp, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                throw new TreeHeadAlreadyArchivedException(head.TreeSize);
            }

            File.SetAttributes(final, FileAttributes.ReadOnly);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async IAsyncEnumerable<SignedTreeHead> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_directory))
        {
            yield break;
        }

        var files = Directory.GetFiles(_directory, "sth-*.json");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            SignedTreeHead? head;
            await using (var stream = File.OpenRead(file))
            {
                head = await JsonSerializer.DeserializeAsync<SignedTreeHead>(stream, Json, cancellationToken).ConfigureAwait(false);
            }

            yield return head ?? throw new InvalidDataException($"The tree head file '{Path.GetFileName(file)}' is empty.");
        }
    }

    private static string FileName(long size) => "sth-" + size.ToString("D20", CultureInfo.InvariantCulture) + ".json";
}
