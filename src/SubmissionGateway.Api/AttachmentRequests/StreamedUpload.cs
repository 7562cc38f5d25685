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

    /// <summary>Reads the text fields up to the first file part and stops there, with the part's body still unread.</summary>
    /// <exception cref="InvalidDataException">The multipart body is malformed (MultipartReader's own refusals).</exception>
    public static async Task<StreamedUploadPart> ReadUntilFileAsync(string boundary, Stream body, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, body, BufferBytes);
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !(disposition.IsFormDisposition() || disposition.IsFileDisposition()))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
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
}
