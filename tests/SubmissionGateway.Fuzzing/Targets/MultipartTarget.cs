using System.Security.Cryptography;
using System.Text;
using SubmissionGateway.Api.AttachmentRequests;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Fuzzing.Mutation;

namespace SubmissionGateway.Fuzzing.Targets;

/// <summary>
/// The upload endpoint's reading of a multipart body, without HTTP: the boundary from the Content-Type header, the
/// fields ahead of the file (<see cref="StreamedUpload.ReadUntilFileAsync"/>), the file part read to its end, then what
/// the service decides from its name and first bytes (the last path segment kept, the format sniffed and admitted).
/// Properties: only the refusals the endpoint answers with 400 escape (InvalidDataException, IOException); no field is
/// longer than the limit; the file part is never longer than the body; a kept file name is one plain segment; and the
/// body read in one piece and read a few bytes at a time (as a slow network hands it over) gives the same fields and
/// file, or is refused both ways. ASP.NET's reader alone does not hold that last one (see <see cref="FilledReadStream"/>).
/// </summary>
public sealed class MultipartTarget : IFuzzTarget
{
    private const DocumentFormats Allowed = DocumentFormats.Pdf | DocumentFormats.Tiff | DocumentFormats.Png | DocumentFormats.Jpeg | DocumentFormats.CdaXml;

    public string Name => "multipart";

    public void Check(byte[] input)
    {
        // The same bytes as a Content-Type header: finding the boundary refuses, it never throws.
        var header = Encoding.Latin1.GetString(input, 0, Math.Min(input.Length, 512));
        StreamedUpload.Boundary(header);
        StreamedUpload.Boundary("multipart/form-data; boundary=" + header);

        var whole = Read(input, input.Length + 1);
        // The split points vary with the input, so one campaign covers boundaries cut at every offset.
        var pieces = Read(input, 1 + (input.Length % 13));
        if (whole != pieces)
        {
            throw new FuzzFailure($"Read whole: {whole}; read {1 + (input.Length % 13)} bytes at a time: {pieces}.");
        }
    }

    /// <summary>What the endpoint would see of <paramref name="body"/> handed over at most <paramref name="chunk"/> bytes per read.</summary>
    public static MultipartOutcome Read(byte[] body, int chunk)
    {
        StreamedUploadPart upload;
        try
        {
            upload = StreamedUpload.ReadUntilFileAsync(MultipartSeeds.Boundary, new ChunkedReadStream(body, chunk), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return MultipartOutcome.Refused(ex);
        }

        foreach (var (name, value) in upload.Fields)
        {
            if (value.Length > StreamedUpload.MaxFieldLength)
            {
                throw new FuzzFailure($"The field '{name}' came through with {value.Length} characters (limit {StreamedUpload.MaxFieldLength}).");
            }
        }

        var fields = string.Join("&", upload.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        if (upload.File is not { } file)
        {
            return new MultipartOutcome(fields, upload.TooLongField, null, null, null, false);
        }

        byte[] content;
        try
        {
            using var copy = new MemoryStream();
            file.CopyTo(copy, 4096);
            content = copy.ToArray();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return MultipartOutcome.Refused(ex);
        }

        if (content.Length > body.Length)
        {
            throw new FuzzFailure($"The file part gave {content.Length} bytes out of a body of {body.Length}.");
        }

        var kept = AttachmentRequestService.LastSegment(upload.FileName);
        if (kept is not null && (kept.Length > 255 || kept is "." or ".." || kept.IndexOfAny(['/', '\\']) >= 0 || kept.Any(char.IsControl)))
        {
            throw new FuzzFailure($"The file name '{upload.FileName}' was kept as '{kept}', which is not one plain segment.");
        }

        var format = DocumentInspector.Detect(content.AsSpan(0, Math.Min(content.Length, AttachmentRequestService.HeadBytes)));
        var admitted = kept is null ? "no name" : DocumentInspector.Admit(kept, format, Allowed)?.Type ?? "admitted";
        return new MultipartOutcome(fields, upload.TooLongField, upload.FileName, Convert.ToHexStringLower(SHA256.HashData(content)), $"{format}, {admitted}", false);
    }
}
