using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// A coder answering payer requests: open a request, upload one small PNG for the sample's invented patient, submit
/// the request as a 275. Keeps the books like <see cref="SubmissionDriver"/>: which requests the gateway said it
/// submitted (200), which flows a kill cut short (finished after the last restart by <see cref="FinishAsync"/>).
/// </summary>
internal sealed class AttachmentDriver
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private readonly ConcurrentDictionary<string, byte> _opened = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _submitted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refused = new();

    /// <summary>Requests the gateway answered "submitted" (200) for, or, after a cut-short flow, showed as Submitted.</summary>
    public IReadOnlyCollection<string> Submitted => [.. _submitted.Keys];

    public IReadOnlyCollection<string> Opened => [.. _opened.Keys];

    public IReadOnlyCollection<string> Refused => [.. _refused];

    public Task DriveAsync(HttpClient coder, CancellationToken stop, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var id = await OpenAsync(coder, cancellationToken);
                if (id is not null && await UploadAsync(coder, id, cancellationToken))
                {
                    await SubmitAsync(coder, id, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The process died under the call; FinishAsync completes the flow after the restart.
            }

            await Task.Delay(Random.Shared.Next(20, 120), cancellationToken);
        }
    }, cancellationToken);

    /// <summary>After the last restart: every opened request is brought to Submitted (upload and submit again where the flow was cut).</summary>
    public async Task FinishAsync(HttpClient coder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coder);
        foreach (var id in Opened.Where(id => !_submitted.ContainsKey(id)).Order(StringComparer.Ordinal))
        {
            using var response = await coder.GetAsync(new Uri($"/attachment-requests/{id}", UriKind.Relative), cancellationToken);
            var view = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var state = view.GetProperty("state").GetString();
            if (state == "Submitted")
            {
                // The gateway committed the submission before it died: the invariants require its 275 to be recorded.
                _submitted[id] = 0;
                continue;
            }

            if (view.GetProperty("documents").GetArrayLength() == 0 && !await UploadAsync(coder, id, cancellationToken))
            {
                continue;
            }

            await SubmitAsync(coder, id, cancellationToken);
        }
    }

    private async Task<string?> OpenAsync(HttpClient coder, CancellationToken cancellationToken)
    {
        var body = new
        {
            payerId = Repository.SamplePayer,
            claimId = "SGW-CLAIM-0001",
            patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
            serviceDateFrom = "2026-11-01",
            serviceDateTo = "2026-11-01",
            purpose = "Appeal",
            documentTypes = new Dictionary<string, int> { ["11506-3"] = 1 },
        };
        using var response = await coder.PostAsJsonAsync(new Uri("/attachment-requests", UriKind.Relative), body, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            _refused.Enqueue($"open: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return null;
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
        _opened[id] = 0;
        return id;
    }

    private async Task<bool> UploadAsync(HttpClient coder, string id, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("11506-3"), "loinc");
        form.Add(new StringContent("TESTPATIENT, JANE Q"), "patientName");
        form.Add(new StringContent("SGW00012345"), "memberId");
        form.Add(new StringContent("1980-01-15"), "birthDate");
        form.Add(new StringContent("SGW-CLAIM-0001"), "claimId");
        form.Add(new StringContent("2026-11-01"), "serviceDate");
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "progress-note.png");
        using var response = await coder.PostAsync(new Uri($"/attachment-requests/{id}/documents", UriKind.Relative), form, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }

        _refused.Enqueue($"upload {id}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return false;
    }

    private async Task SubmitAsync(HttpClient coder, string id, CancellationToken cancellationToken)
    {
        using var response = await coder.PostAsync(new Uri($"/attachment-requests/{id}/submit", UriKind.Relative), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            _submitted[id] = 0;
            return;
        }

        _refused.Enqueue($"submit {id}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
