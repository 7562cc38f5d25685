using System.Net.Http.Headers;

namespace SubmissionGateway.Api.Tests.AttachmentRequests;

/// <summary>
/// The coder's upload form for POST /attachment-requests/{id}/documents: the stated subject first (the synthetic
/// patient of the samples unless a test changes one field), then a one-pixel PNG as the file.
/// </summary>
internal static class DocumentUploadForm
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    public static MultipartFormDataContent Create(string patientName = "TESTPATIENT, JANE Q", string memberId = "SGW00012345")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("11506-3"), "loinc" },
            { new StringContent(patientName), "patientName" },
            { new StringContent(memberId), "memberId" },
            { new StringContent("1980-01-15"), "birthDate" },
            { new StringContent("SGW-CLAIM-0001"), "claimId" },
            { new StringContent("2026-11-01"), "serviceDate" },
        };
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "progress-note.png");
        return form;
    }
}
