using System.Text.Json;

namespace SubmissionGateway.Cli.Submissions;

/// <summary>A submission's answer for a person: one line per claim, then the count; the exit code follows the claims.</summary>
internal static class SubmissionText
{
    public static async Task<int> WriteAsync(JsonElement submission, TextWriter stdout, bool json)
    {
        var claims = submission.TryGetProperty("claims", out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : new List<JsonElement>();
        var rejected = claims.Count(c => !c.TryGetProperty("accepted", out var accepted) || !accepted.GetBoolean());
        if (json)
        {
            await stdout.WriteLineAsync(submission.GetRawText()).ConfigureAwait(false);
            return rejected == 0 ? ExitCodes.Ok : ExitCodes.Refused;
        }

        var replayed = submission.TryGetProperty("replayed", out var r) && r.ValueKind == JsonValueKind.True
            ? " (replayed: the gateway already had this submission; nothing was sent twice)"
            : "";
        await stdout.WriteLineAsync(
            $"submission {Text(submission, "submissionId")} interchange {Text(submission, "interchangeControlNumber")} received {Text(submission, "receivedAt")}{replayed}").ConfigureAwait(false);
        foreach (var claim in claims)
        {
            var accepted = claim.TryGetProperty("accepted", out var a) && a.GetBoolean();
            var line = $"  {Text(claim, "claimId"),-20} {(accepted ? "accepted" : "REJECTED"),-9} payer {Text(claim, "payerId") ?? "-",-12} {Text(claim, "deliveryStatus") ?? "-"}";
            await stdout.WriteLineAsync(line).ConfigureAwait(false);
            if (claim.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
            {
                foreach (var reason in reasons.EnumerateArray())
                {
                    await stdout.WriteLineAsync($"      {reason.GetString()}").ConfigureAwait(false);
                }
            }
        }

        await stdout.WriteLineAsync($"{claims.Count} claim(s): {claims.Count - rejected} accepted, {rejected} rejected").ConfigureAwait(false);
        return rejected == 0 ? ExitCodes.Ok : ExitCodes.Refused;
    }

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
