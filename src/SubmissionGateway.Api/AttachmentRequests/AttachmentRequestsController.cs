using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Api.AttachmentRequests;

/// <summary>Coders open requests for documents, upload into them (multipart, streamed) and submit them as a 275.</summary>
[ApiController]
[Route("attachment-requests")]
[Authorize(Policy = GatewayPolicies.Coder)]
public sealed class AttachmentRequestsController(AttachmentRequestService requests, ILogger<AttachmentRequestsController> logger) : ControllerBase
{
    /// <summary>Above any payer's per-request total; the request's own scope is enforced while reading.</summary>
    private const long MaxUploadBytes = 1L << 30;

    [HttpPost]
    [EndpointSummary("Open an attachment request for a claim, scoped to document types and limits")]
    [ProducesResponseType<AttachmentRequestView>(StatusCodes.Status201Created)]
    public async Task<ActionResult<AttachmentRequestView>> Create(NewAttachmentRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var created = await requests.CreateAsync(new AttachmentRequestDraft(
            body.PayerId, body.ClaimId, body.PayerClaimControlNumber,
            new PatientIdentity(body.Patient.Name, body.Patient.MemberId, body.Patient.BirthDate),
            body.ServiceDateFrom, body.ServiceDateTo, body.Purpose, body.DocumentTypes,
            body.AssignedCoder ?? Coder, body.PayerRequestNumber), cancellationToken).ConfigureAwait(false);
        var view = await requests.FindAsync(created.Id, cancellationToken).ConfigureAwait(false) ?? created;
        return CreatedAtAction(nameof(Get), new { id = created.Id }, AttachmentRequestView.Of(view));
    }

    /// <summary>The caller's own requests, newest first; <c>status</c> narrows to open, submitted or closed.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<AttachmentRequestView>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<AttachmentRequestView>>> List([FromQuery] AttachmentRequestState? status, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var found = await requests.ListAsync(Coder, status, limit ?? 100, cancellationToken).ConfigureAwait(false);
        return found.Select(AttachmentRequestView.Of).ToList();
    }

    [HttpGet("{id}")]
    [EndpointSummary("An attachment request assigned to the caller, with its documents")]
    public async Task<ActionResult<AttachmentRequestView>> Get(string id, CancellationToken cancellationToken)
    {
        var request = await requests.FindAssignedAsync(id, Coder, cancellationToken).ConfigureAwait(false);
        return request is null
            ? Refused(new UploadRefusal(UploadRefusal.RequestNotFoundType, "Request not found", $"There is no attachment request '{id}'."))
            : AttachmentRequestView.Of(request);
    }

    /// <summary>
    /// multipart/form-data: the fields <c>loinc</c>, <c>patientName</c>, <c>memberId</c>, <c>birthDate</c>,
    /// <c>claimId</c>, <c>serviceDate</c> first, then one file part, which is streamed into the store.
    /// </summary>
    [HttpPost("{id}/documents")]
    [EndpointSummary("Upload one document into an attachment request (multipart, streamed)")]
    [DisableRequestSizeLimit]
    [StreamedForm]
    [ProducesResponseType<UploadedDocument>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<UploadedDocument>> Upload(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadUploadAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException || (ex is IOException && !HttpContext.RequestAborted.IsCancellationRequested))
        {
            // MultipartReader throws these for a malformed body (a header line too long, a boundary never closed, a body
            // that ends early); found by fuzzing, they were 500s. The store has already dropped a partly read document.
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The multipart body is malformed.",
                detail: ex.Message, type: Hosting.ProblemTypes.BadRequest);
        }
    }

    private async Task<ActionResult<UploadedDocument>> ReadUploadAsync(string id, CancellationToken cancellationToken)
    {
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxUploadBytes;
        }

        if (StreamedUpload.Boundary(Request.ContentType) is not { } boundary)
        {
            return Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the document as multipart/form-data.");
        }

        var upload = await StreamedUpload.ReadUntilFileAsync(boundary, Request.Body, cancellationToken).ConfigureAwait(false);
        if (upload.TooLongField is { } tooLong)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "A form field is too long.",
                detail: $"The field '{tooLong}' is longer than {StreamedUpload.MaxFieldLength} characters.");
        }

        if (upload.File is not { } file)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload has no file.", detail: "Add one file part after the fields.");
        }

        var fields = upload.Fields;
        if (Missing(fields) is { } missing)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload is incomplete.",
                detail: $"The field '{missing}' must come before the file (loinc, patientName, memberId, birthDate, claimId, serviceDate).");
        }

        if (!DateOnly.TryParseExact(fields["birthDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || !DateOnly.TryParseExact(fields["serviceDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var serviceDate))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload is not valid.", detail: "birthDate and serviceDate are written yyyy-MM-dd.");
        }

        var result = await requests.UploadAsync(id, Coder, fields["loinc"],
            new PatientIdentity(fields["patientName"], fields["memberId"], birthDate), fields["claimId"], serviceDate,
            upload.FileName ?? "", file, cancellationToken).ConfigureAwait(false);
        if (result.Document is { } document)
        {
            UploadLog.Stored(logger, document.Id, id, Coder, fields["claimId"]);
            return StatusCode(StatusCodes.Status201Created, UploadedDocument.Of(document));
        }

        UploadLog.Refused(logger, id, Coder, result.Refusal!.Type, fields["patientName"], fields["memberId"], fields["birthDate"], fields["claimId"]);
        return Refused(result.Refusal!);
    }

    [HttpPost("{id}/submit")]
    [EndpointSummary("Send the request's documents to its payer as a 275")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Submit(string id, CancellationToken cancellationToken)
    {
        var result = await requests.SubmitAsync(id, Coder, cancellationToken).ConfigureAwait(false);
        return result.Refusal is { } refusal
            ? Refused(refusal)
            : Ok(new { result.AttachmentControlNumber, result.Size, result.Sha256, Submitted = true });
    }

    private string Coder => User.Identity?.Name is { Length: > 0 } name
        ? name
        : throw new InvalidOperationException("A coder token names its user (sub).");

    private static string? Missing(IReadOnlyDictionary<string, string> fields) =>
        new[] { "loinc", "patientName", "memberId", "birthDate", "claimId", "serviceDate" }.FirstOrDefault(f => !fields.ContainsKey(f));

    private ObjectResult Refused(UploadRefusal refusal)
    {
        var status = refusal.Type switch
        {
            "request-not-found" => StatusCodes.Status404NotFound,
            "request-not-open" or "request-expired" or "document-count-used-up" or "request-empty" => StatusCodes.Status409Conflict,
            "document-too-large" or "request-size-exceeded" => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, status, refusal.Title, "/problems/" + refusal.Type, refusal.Detail);
        if (refusal.Field is not null)
        {
            problem.Extensions["field"] = refusal.Field;
        }

        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
