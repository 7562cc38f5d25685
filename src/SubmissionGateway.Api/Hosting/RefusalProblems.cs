using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SubmissionGateway.Intake;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Api.Hosting;

/// <summary>
/// Turns the refusals a client can cause into problem details with their own status and type. Anything else is a
/// fault of the gateway: a 500 problem with no detail at all (an exception's message may name a patient or a path),
/// so a bug never looks like a client error.
/// </summary>
internal sealed class RefusalProblems(IProblemDetailsService problems, ILogger<RefusalProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, type) = exception switch
        {
            SubmissionRefusedException { Reason: SubmissionRefusal.SubmitterMismatch } =>
                (StatusCodes.Status403Forbidden, "The interchange names another submitter.", ProblemTypes.SubmitterMismatch),
            SubmissionRefusedException { Reason: SubmissionRefusal.InterchangeReused } =>
                (StatusCodes.Status409Conflict, "The interchange control number was already used for a different file.", ProblemTypes.InterchangeReused),
            SubmissionRefusedException { Reason: SubmissionRefusal.IdempotencyKeyReused } =>
                (StatusCodes.Status409Conflict, "The Idempotency-Key was already used for a different body.", ProblemTypes.IdempotencyKeyReused),
            SubmissionRefusedException => (StatusCodes.Status400BadRequest, "The body is not one X12 interchange.", ProblemTypes.NotX12),
            SizeLimitExceededException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "The request is too large.", ProblemTypes.TooLarge),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", ProblemTypes.BadRequest),
            RequestRefusedException refused => (StatusCodes.Status400BadRequest, "The request is not valid.", "/problems/" + refused.Slug),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            // Handled exceptions are not logged by the exception-handler middleware: this is the only record of the bug.
            FaultLog.Failed(logger, httpContext.TraceIdentifier, httpContext.Request.Method,
                httpContext.GetEndpoint()?.DisplayName ?? "(no endpoint)", Describe(exception), exception.Message, Traces(exception));
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "The gateway failed to process the request.",
                    Type = ProblemTypes.InternalError,
                },
            }).ConfigureAwait(false);
        }

        httpContext.Response.StatusCode = status;
        // The messages of these exceptions are written for the client and name no patient; nothing else is shown.
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Type = type,
                Detail = exception is RequestRefusedException refusal ? refusal.Detail : exception.Message,
            },
        }).ConfigureAwait(false);
    }

    private static string Describe(Exception exception) =>
        exception.InnerException is { } inner ? $"{exception.GetType().FullName} <- {Describe(inner)}" : exception.GetType().FullName ?? "?";

    private static string Traces(Exception exception) =>
        exception.InnerException is { } inner ? $"{exception.StackTrace}\n--- inner ---\n{Traces(inner)}" : exception.StackTrace ?? "";
}
