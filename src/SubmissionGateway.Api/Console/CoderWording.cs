using System.Globalization;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Api.Console;

/// <summary>
/// The service's refusal types (the same slugs the API's problem types carry) in the words a coder uses at the desk:
/// what went wrong with this file and what to do next.
/// </summary>
public static class CoderWording
{
    private static readonly Dictionary<string, string> DocumentTypes = new(StringComparer.Ordinal)
    {
        ["11506-3"] = "Progress note",
        ["18842-5"] = "Discharge summary",
        ["11488-4"] = "Consultation note",
        ["34117-2"] = "History and physical",
        ["28570-0"] = "Procedure note",
        ["11504-8"] = "Operative note",
        ["11502-2"] = "Laboratory report",
        ["18748-4"] = "Imaging report",
        ["57133-1"] = "Referral note",
        ["34133-9"] = "Summary of care",
    };

    /// <summary>A LOINC attachment code as the coder knows the document ("Progress note (LOINC 11506-3)").</summary>
    public static string DocumentType(string loinc) =>
        DocumentTypes.TryGetValue(loinc, out var name) ? $"{name} (LOINC {loinc})" : $"Document LOINC {loinc}";

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB");

    public static string Formats(DocumentFormats formats) => string.Join(", ",
        Enum.GetValues<DocumentFormats>().Where(f => f != DocumentFormats.None && formats.HasFlag(f))
            .Select(f => f == DocumentFormats.CdaXml ? "CDA XML" : f.ToString().ToUpperInvariant()));

    public static string TimeLeft(DateTimeOffset expires, DateTimeOffset now)
    {
        var left = expires - now;
        if (left <= TimeSpan.Zero)
        {
            return "Expired";
        }

        return left.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalDays} days {left.Hours} hours left")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalHours} hours {left.Minutes} minutes left");
    }

    /// <summary>"JQT" from "TESTPATIENT, JANE Q": enough to recognize the chart, not enough to disclose it.</summary>
    public static string Initials(string name)
    {
        var parts = (name ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return "?";
        }

        // X12 and most billing systems write LAST, FIRST MIDDLE: show first-name initials first, last name's last.
        var ordered = name!.Contains(',', StringComparison.Ordinal) ? parts.Skip(1).Append(parts[0]) : parts;
        return string.Concat(ordered.Select(p => char.ToUpperInvariant(p[0]) + "."));
    }

    public static string Delivery(AttachmentRequestState state, OutboxStatus? delivery) => (state, delivery) switch
    {
        (AttachmentRequestState.Open, _) => "Not submitted yet",
        (_, OutboxStatus.Pending) => "Submitted: waiting to be delivered to the payer",
        (_, OutboxStatus.Delivered) => "Delivered to the payer",
        (_, OutboxStatus.Failed) => "Delivery failed: the gateway will try again",
        (_, OutboxStatus.Abandoned) => "Delivery abandoned after repeated failures: tell your supervisor",
        (AttachmentRequestState.Closed, _) => "Closed",
        _ => "Submitted",
    };

    /// <summary>One refusal, in the coder's words.</summary>
    public static string Explain(UploadRefusal refusal, AttachmentRequest? request)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Type switch
        {
            "request-not-found" =>
                "This request is not assigned to you. If you should be working on it, ask your supervisor to reassign it.",
            "request-not-open" => "This request has already been submitted, so it takes no more documents.",
            "request-expired" => "This request has expired: the payer no longer accepts documents for it. Ask your supervisor about a new request.",
            "subject-mismatch" => refusal.Field switch
            {
                "patient.memberId" => "Wrong patient: the member ID you entered is not the one on this request. Check that the document is for this patient.",
                "patient.birthDate" => "Wrong patient: the date of birth you entered is not the one on this request. Check that the document is for this patient.",
                "patient.name" => "Wrong patient: the patient name you entered is not the one on this request. Check that the document is for this patient.",
                "claimId" => "Wrong claim: the claim number you entered is not this request's claim. Check that the document belongs to this claim.",
                "serviceDate" when request is not null => string.Create(CultureInfo.InvariantCulture,
                    $"Wrong date of service: this request covers {request.ServiceDateFrom:MM/dd/yyyy} to {request.ServiceDateTo:MM/dd/yyyy} only."),
                _ => "This document does not match the request's patient, claim or date of service.",
            },
            "document-type-not-requested" => "The payer did not ask for this type of document in this request. Choose one of the requested document types.",
            "document-count-used-up" => "The payer's request already has all the documents of this type it asked for. Choose another requested type, or submit what is there.",
            "document-too-large" when request is not null =>
                $"This file is too large: the payer accepts at most {Size(request.MaxDocumentBytes)} per document. Scan it at a lower resolution or in black and white.",
            "document-too-large" => "This file is too large for this request.",
            "request-size-exceeded" => "This file would take the request over the payer's total size limit. Send fewer or smaller files.",
            "file-name-invalid" => "This file has no usable name. Rename it and try again.",
            "content-not-recognized" when refusal.Detail.Contains("a PDF", StringComparison.Ordinal) =>
                "This is not a real PDF: the file is named .pdf but its contents are something else. Open the original and save or print it as PDF again.",
            "content-not-recognized" =>
                "The file's contents do not match its name, or it is not a PDF, TIFF, JPEG or PNG. Open the original and save it again in one of those formats.",
            "format-not-allowed" when request is not null => $"The payer does not accept this file format here. Accepted formats: {Formats(request.AllowedFormats)}.",
            "format-not-allowed" => "The payer does not accept this file format for this request.",
            "pdf-encrypted" => "This PDF is password-protected, and payers cannot open it. Save it without a password and upload it again.",
            "pdf-javascript" => "This PDF contains scripts, which payers refuse. Print it to a new plain PDF and upload that.",
            "pdf-embedded-files" => "This PDF has other files attached inside it. Upload each document on its own.",
            "pdf-unreadable" => "This PDF is damaged and cannot be read. Open the original and save it as PDF again.",
            "xml-refused" => "This XML document was refused: " + refusal.Detail,
            "request-empty" => "Add at least one document before submitting.",
            "payer-refuses-275" => "This payer does not accept electronic attachments through the gateway. Tell your supervisor.",
            _ => refusal.Detail,
        };
    }
}
