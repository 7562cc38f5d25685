using System.Text;

namespace SubmissionGateway.Fuzzing.Mutation;

/// <summary>
/// Upload bodies as a coder's browser or the CLI sends them (the six fields, then one file part), each with one trait the
/// reader must get right: a document that carries the boundary's own first bytes, a quoted or RFC 5987 file name, a
/// field at the length limit and one past it, a preamble and an epilogue, bare LF line ends, no file at all.
/// </summary>
public static class MultipartSeeds
{
    /// <summary>The boundary every seed uses (the target reads them under it).</summary>
    public const string Boundary = "sgw-fuzz-boundary-7e1f";

    /// <summary>The fields the upload endpoint asks for, in its order, with invented values.</summary>
    public static IReadOnlyList<(string Name, string Value)> Fields { get; } =
    [
        ("loinc", "11506-3"), ("patientName", "TESTPATIENT, JANE Q"), ("memberId", "SGW00012345"),
        ("birthDate", "1980-01-15"), ("claimId", "SGW-CLAIM-0001"), ("serviceDate", "2026-11-01"),
    ];

    /// <summary>A PNG header and IHDR chunk: enough for the sniffing to call it a PNG.</summary>
    public static byte[] Png { get; } = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    /// <summary>The plain upload: the six fields and a small PNG named progress-note.png.</summary>
    public static byte[] Upload() => Body(Fields, "filename=\"progress-note.png\"", "image/png", Png);

    public static IReadOnlyList<byte[]> All()
    {
        var nearBoundary = Encoding.ASCII.GetBytes($"\r\n--{Boundary[..^1]}X\r\n-\r\n--\r\n{Boundary}");
        return
        [
            Upload(),
            Body(Fields, "filename=\"scan.pdf\"", "application/pdf", [.. "%PDF-1.7\n"u8, .. nearBoundary, .. "\n%%EOF\n"u8]),
            Body(Fields, "filename=\"note.png\"; filename*=UTF-8''progress%20note%E2%80%93final.png", "image/png", [.. Png, .. nearBoundary]),
            Body([.. Fields, ("comment", new string('c', 1024))], "filename=\"a.png\"", "image/png", Png),
            Body([("loinc", new string('9', 1025)), .. Fields.Skip(1)], "filename=\"a.png\"", "image/png", Png),
            Body(Fields, "filename=\"empty.png\"", "image/png", []),
            [.. "preamble a client may send\r\n"u8, .. Upload(), .. "epilogue\r\n"u8],
            Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Upload()).Replace("\r\n", "\n", StringComparison.Ordinal)),
            Encoding.ASCII.GetBytes(string.Concat(Fields.Select(f => Part(f.Name, f.Value))) + $"--{Boundary}--\r\n"),
        ];
    }

    /// <summary>A body with <paramref name="fields"/> and one file part whose disposition ends in <paramref name="fileName"/>.</summary>
    public static byte[] Body(IEnumerable<(string Name, string Value)> fields, string fileName, string contentType, byte[] file) =>
    [
        .. Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => Part(f.Name, f.Value)))),
        .. Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; {fileName}\r\nContent-Type: {contentType}\r\n\r\n"),
        .. file,
        .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"),
    ];

    private static string Part(string name, string value) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";
}
