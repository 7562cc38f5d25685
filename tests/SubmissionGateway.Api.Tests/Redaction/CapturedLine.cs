using Microsoft.Extensions.Logging;

namespace SubmissionGateway.Api.Tests.Redaction;

internal sealed record CapturedLine(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Values, string? Exception)
{
    public string Everything => $"{Category} {Message} {string.Join(' ', Values.Select(v => $"{v.Key}={v.Value}"))} {Exception}";
}
