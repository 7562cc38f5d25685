using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>
/// The streamed multipart upload the API and the console both take: small text fields first, then one file part that
/// is handed over unread, so the document goes straight into the size-limited store instead of being buffered.
/// </summary>
internal static class StreamedUpload
{
    /// <summary>A field is never allowed to be the way around the size limit.</summary>
    public const int MaxFieldLength = 1024;

    // The reader hands the file part out at most one buffer at a time (4 KiB by default): 10 MB came in as 2,500
    // reads, each a boundary search and an await. A larger pooled buffer lets the store fill its regions in few reads.
    private const int BufferBytes = 128 * 1024;

    /// <summary>The boundary of a multipart/form-data body; null for any other content type.</summary>
    public static string? Boundary(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && HeaderUtilities.RemoveQuotes(parsed.Boundary).Value is { Length: > 0 } boundary
            ? boundary
            : null;

    /// <summary>
    /// A multipart reader over <paramref name="body"/> that reads the same bytes the same way however they arrive
    /// (see <see cref="FilledReadStream"/>). Every multipart body the gateway takes is read through one of these.
    /// </summary>
    public static MultipartReader OpenReader(string boundary, Stream body, int bufferBytes = BufferBytes) =>
        new(boundary, new FilledReadStream(body), bufferBytes);

    /// <summary>Reads the text fields up to the first file part and stops there, with the part's body still unread.</summary>
    /// <exception cref="InvalidDataException">The multipart body is malformed (MultipartReader's own refusals).</exception>
    public static async Task<StreamedUploadPart> ReadUntilFileAsync(string boundary, Stream body, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = OpenReader(boundary, body, BufferBytes);
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || FormPart(disposition) is not { } part)
            {
                continue;
            }

            var (name, fileName) = part;
            if (fileName is not null)
            {
                return new StreamedUploadPart(fields, section.Body, fileName, null);
            }

            using var text = new StreamReader(section.Body, leaveOpen: true);
            var buffer = new char[MaxFieldLength + 1];
            var read = await text.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > MaxFieldLength)
            {
                return new StreamedUploadPart(fields, null, null, name);
            }

            fields[name] = new string(buffer, 0, read);
        }

        return new StreamedUploadPart(fields, null, null, null);
    }

    /// <summary>The part's field name and, for a file part, its file name; null for a part that is not form data.</summary>
    /// <exception cref="InvalidDataException">The disposition's file name cannot be decoded.</exception>
    private static (string Name, string? FileName)? FormPart(ContentDispositionHeaderValue disposition)
    {
        try
        {
            // Asked once: each question about a file name decodes filename* again.
            var isFile = disposition.IsFileDisposition();
            if (!isFile && !disposition.IsFormDisposition())
            {
                return null;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            return isFile
                ? (name, HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "")
                : (name, null);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or FormatException)
        {
            // ASP.NET decodes filename* (RFC 5987) as it is read, and throws for one without a value or in a charset .NET
            // refuses, such as UTF-7 (both found by fuzzing: they were 500s). A name that cannot be read makes the body
            // malformed, which the endpoint answers with a 400.
            throw new InvalidDataException("A part's file name (filename*) cannot be decoded.", e);
        }
    }
}
