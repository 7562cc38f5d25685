using SubmissionGateway.Redaction;

namespace SubmissionGateway.Api.Hosting;

/// <summary>
/// A fault of the gateway is logged with its type and stack trace, which name code, not patients; its message may
/// quote request data, so it is classified and reaches the logs only redacted.
/// </summary>
internal static partial class FaultLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Request {TraceId} ({Method} {Endpoint}) failed: {ExceptionType}: {ExceptionMessage}\n{StackTrace}")]
    public static partial void Failed(
        ILogger logger, string traceId, string method, string endpoint, string exceptionType, [FreeText] string exceptionMessage, string stackTrace);
}
