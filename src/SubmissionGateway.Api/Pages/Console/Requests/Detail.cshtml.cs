using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SubmissionGateway.Api.AttachmentRequests;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Console;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Api.Pages.Console.Requests;

/// <summary>
/// One request assigned to the coder: its scope, documents dropped into it (streamed into the same service the API
/// uses, refused for the same reasons) and its submission. Nothing here ever sends a document back.
/// </summary>
[Authorize(Policy = GatewayPolicies.Coder, AuthenticationSchemes = ConsoleAuthentication.Scheme)]
[SubmissionGateway.Api.AttachmentRequests.StreamedForm]
public sealed class RequestDetailModel(IServiceProvider services, PayerRegistry payers, TimeProvider time) : PageModel
{
    /// <summary>Above any payer's per-document limit; the request's own scope is enforced while reading.</summary>
    private const long MaxUploadBytes = 1L << 30;

    private static readonly string[] StatedFields = ["loinc", "patientName", "memberId", "birthDate", "claimId", "serviceDate"];

    public RequestScope? Scope { get; private set; }

    /// <summary>What happened to the last action, in the coder's words.</summary>
    public string? Message { get; private set; }

    public bool MessageIsRefusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// multipart/form-data with the stated fields first, then one file. The script sends the anti-forgery token as a
    /// header so the file is streamed, never buffered by the framework; it asks for JSON to show the answer next to the file.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(string id, CancellationToken cancellationToken)
    {
        if (Requests is not { } requests)
        {
            return NotFound();
        }

        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxUploadBytes;
        }

        var request = await requests.FindAssignedAsync(id, Coder, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            // Another coder's request gets the page's not-found answer, as reading it does; the body is never read.
            return WantsJson
                ? new JsonResult(new { accepted = false, message = NotFoundMessage, field = (string?)null }) { StatusCode = StatusCodes.Status404NotFound }
                : await ShowAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var (document, refusal, problem) = await ReadAndUploadAsync(requests, id, cancellationToken).ConfigureAwait(false);
        var message = document is not null
            ? $"{document.FileName} was added as {CoderWording.DocumentType(document.LoincCode)}."
            : refusal is not null ? CoderWording.Explain(refusal, request) : problem!;
        if (WantsJson)
        {
            return new JsonResult(new { accepted = document is not null, message, field = refusal?.Field })
            {
                StatusCode = document is not null ? StatusCodes.Status201Created : StatusCodes.Status422UnprocessableEntity,
            };
        }

        Message = message;
        MessageIsRefusal = document is null;
        return await ShowAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostSubmitAsync(string id, CancellationToken cancellationToken)
    {
        if (Requests is not { } requests)
        {
            return NotFound();
        }

        var request = await requests.FindAssignedAsync(id, Coder, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return await ShowAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var result = await requests.SubmitAsync(id, Coder, cancellationToken).ConfigureAwait(false);
        Message = result.Refusal is { } refusal
            ? CoderWording.Explain(refusal, request)
            : $"Submitted. The payer will receive attachment {result.AttachmentControlNumber}; its delivery status is shown below.";
        MessageIsRefusal = result.Refusal is not null;
        return await ShowAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the not-found page says, for the upload script's JSON answer.</summary>
    public const string NotFoundMessage =
        "There is no attachment request with that number assigned to you. If you should be working on it, ask your supervisor to reassign it.";

    private AttachmentRequestService? Requests => services.GetService<AttachmentRequestService>();

    private string Coder => User.Identity?.Name is { Length: > 0 } name ? name : throw new InvalidOperationException("A console user has a name (sub).");

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private async Task<IActionResult> ShowAsync(string id, CancellationToken cancellationToken)
    {
        var requests = Requests;
        var request = requests is null ? null : await requests.FindAssignedAsync(id, Coder, cancellationToken).ConfigureAwait(false);
        if (requests is null || request is null)
        {
            // The same answer for "does not exist" and "someone else's", as the API gives.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var delivery = request.State == AttachmentRequestState.Open ? null : await requests.DeliveryStatusAsync(id, cancellationToken).ConfigureAwait(false);
        Scope = RequestScope.Of(request, requests.PatientOf(request).Name, payers.Find(request.PayerId)?.Name ?? request.PayerId, delivery, time.GetUtcNow());
        return Page();
    }

    private async Task<(RequestDocument? Document, UploadRefusal? Refusal, string? Problem)> ReadAndUploadAsync(
        AttachmentRequestService requests, string id, CancellationToken cancellationToken)
    {
        // Without the script the browser posts an ordinary form, which anti-forgery has already read.
        if (HttpContext.Features.Get<IFormFeature>()?.Form is { } form)
        {
            if (form.Files.Count == 0)
            {
                return (null, null, "Choose a file to upload.");
            }

            var fieldsFromForm = StatedFields.ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
            await using var body = form.Files[0].OpenReadStream();
            return await UploadAsync(requests, id, fieldsFromForm, form.Files[0].FileName, body, cancellationToken).ConfigureAwait(false);
        }

        if (StreamedUpload.Boundary(Request.ContentType) is not { } boundary)
        {
            return (null, null, "The upload could not be read. Reload the page and try again.");
        }

        var upload = await StreamedUpload.ReadUntilFileAsync(boundary, Request.Body, cancellationToken).ConfigureAwait(false);
        if (upload.TooLongField is not null)
        {
            return (null, null, "One of the fields is too long.");
        }

        return upload.File is { } file
            ? await UploadAsync(requests, id, upload.Fields, upload.FileName ?? "", file, cancellationToken).ConfigureAwait(false)
            : (null, null, "Choose a file to upload.");
    }

    private async Task<(RequestDocument? Document, UploadRefusal? Refusal, string? Problem)> UploadAsync(
        AttachmentRequestService requests, string id, IReadOnlyDictionary<string, string> fields, string fileName, Stream content, CancellationToken cancellationToken)
    {
        if (StatedFields.FirstOrDefault(f => string.IsNullOrWhiteSpace(fields.GetValueOrDefault(f))) is { } missing)
        {
            return (null, null, $"Fill in every field about the document before adding it ({Label(missing)} is empty).");
        }

        if (!DateOnly.TryParseExact(fields["birthDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || !DateOnly.TryParseExact(fields["serviceDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var serviceDate))
        {
            return (null, null, "Enter the date of birth and the date of service as dates.");
        }

        var result = await requests.UploadAsync(id, Coder, fields["loinc"], new PatientIdentity(fields["patientName"], fields["memberId"], birthDate),
            fields["claimId"], serviceDate, fileName, content, cancellationToken).ConfigureAwait(false);
        return (result.Document, result.Refusal, null);
    }

    private static string Label(string field) => field switch
    {
        "loinc" => "the document type",
        "patientName" => "the patient's name",
        "memberId" => "the member ID",
        "birthDate" => "the date of birth",
        "claimId" => "the claim number",
        _ => "the date of service",
    };
}
