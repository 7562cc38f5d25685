using System.Globalization;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Api.Console;

/// <summary>
/// A request's scope in plain words for the coder: who and what it is about (patient by initials only), what the
/// payer asked for and how much of it is still open, the limits, the time left. Never a document's content.
/// </summary>
public sealed record RequestScope(
    string Id,
    string Payer,
    string Claim,
    string PatientInitials,
    string ServiceDates,
    IReadOnlyList<RequestScope.WantedDocument> Wanted,
    string SizeLimits,
    string Formats,
    string TimeLeft,
    bool Open,
    string Status,
    IReadOnlyList<RequestScope.ReceivedDocument> Received)
{
    public static RequestScope Of(AttachmentRequest request, string patientName, string payerName, OutboxStatus? delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var used = request.Documents.Sum(d => d.Size);
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(request.ExpiresAtMs);
        var claim = string.Join(" / ", new[] { request.ClaimId, request.PayerClaimControlNumber is { } icn ? "payer ref. " + icn : null }.OfType<string>());
        var dates = request.ServiceDateFrom == request.ServiceDateTo
            ? request.ServiceDateFrom.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{request.ServiceDateFrom:MM/dd/yyyy} to {request.ServiceDateTo:MM/dd/yyyy}");
        return new RequestScope(
            request.Id,
            payerName,
            claim,
            CoderWording.Initials(patientName),
            dates,
            [.. request.RequestedTypes.OrderBy(t => t.LoincCode, StringComparer.Ordinal).Select(t => new WantedDocument(
                t.LoincCode, CoderWording.DocumentType(t.LoincCode), t.Count, Math.Max(0, t.Count - request.Documents.Count(d => d.LoincCode == t.LoincCode))))],
            $"up to {CoderWording.Size(request.MaxDocumentBytes)} per document, {CoderWording.Size(Math.Max(0, request.MaxTotalBytes - used))} of {CoderWording.Size(request.MaxTotalBytes)} left in total",
            CoderWording.Formats(request.AllowedFormats),
            request.State == AttachmentRequestState.Open ? CoderWording.TimeLeft(expires, now) : "—",
            request.State == AttachmentRequestState.Open && now < expires,
            CoderWording.Delivery(request.State, delivery),
            [.. request.Documents.OrderBy(d => d.Id).Select(d => new ReceivedDocument(d.FileName, CoderWording.DocumentType(d.LoincCode), CoderWording.Size(d.Size), d.PageCount))]);
    }

    public sealed record WantedDocument(string Loinc, string Name, int Asked, int Left);

    public sealed record ReceivedDocument(string FileName, string Type, string Size, int? Pages);
}
