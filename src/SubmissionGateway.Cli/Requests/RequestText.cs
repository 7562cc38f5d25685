using System.Text.Json;
using SubmissionGateway.Cli.Submissions;

namespace SubmissionGateway.Cli.Requests;

/// <summary>An attachment request as a person reads it: scope first, then what has been uploaded.</summary>
internal static class RequestText
{
    public static async Task WriteAsync(JsonElement request, TextWriter stdout)
    {
        await stdout.WriteLineAsync(Summary(request)).ConfigureAwait(false);
        if (request.TryGetProperty("documentTypes", out var types) && types.ValueKind == JsonValueKind.Object)
        {
            await stdout.WriteLineAsync("  wants " + string.Join(", ", types.EnumerateObject().Select(t => $"{t.Name} x{t.Value}"))).ConfigureAwait(false);
        }

        if (request.TryGetProperty("documents", out var documents) && documents.ValueKind == JsonValueKind.Array)
        {
            foreach (var document in documents.EnumerateArray())
            {
                await stdout.WriteLineAsync("  " + Document(document)).ConfigureAwait(false);
            }
        }
    }

    public static string Summary(JsonElement request) =>
        $"request {T(request, "id")}  {T(request, "state")}  payer {T(request, "payerId")}  claim {T(request, "claimId") ?? "-"}  expires {T(request, "expiresAt")}  coder {T(request, "assignedCoder")}";

    public static string Document(JsonElement document) =>
        $"document {T(document, "id")}: {T(document, "loincCode")} {T(document, "format")} '{T(document, "fileName")}' {T(document, "size")} bytes"
        + (T(document, "pageCount") is { } pages ? $", {pages} page(s)" : "") + $", sha256 {T(document, "sha256")}";

    private static string? T(JsonElement element, string name) => SubmissionText.Text(element, name);
}
