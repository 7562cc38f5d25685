namespace SubmissionGateway.Intake;

/// <summary>
/// Why a directly posted 275 was refused; nothing of it was kept, recorded or queued. <see cref="Type"/> is the slug
/// of the RFC 9457 problem type; <see cref="Mismatches"/> lists every field that disagreed, <see cref="Errors"/> what
/// the validator found.
/// </summary>
public sealed record AttachmentRefusal(
    string Type,
    string Title,
    string Detail,
    IReadOnlyList<AttachmentMismatch> Mismatches,
    IReadOnlyList<string> Errors)
{
    internal static AttachmentRefusal Rejected(IReadOnlyList<string> errors) =>
        new("x12-rejected", "The 275 does not pass validation", "The interchange was rejected; the 999 says where.", [], errors);

    internal static AttachmentRefusal NotAttachment(string what) =>
        new("not-a-275", "Not one 275 transaction", what, [], []);

    internal static AttachmentRefusal Mismatch(IReadOnlyList<AttachmentMismatch> mismatches) =>
        new("attachment-mismatch", "The attachment does not match what it answers",
            mismatches.Count == 1 ? mismatches[0].Message : $"{mismatches.Count} fields disagree; see mismatches.", mismatches, []);

    internal static AttachmentRefusal RequestNotOpen(string state) =>
        new("request-not-open", "Request not open", $"The attachment request this 275 answers is {state}; it takes no more documents.", [], []);

    internal static AttachmentRefusal RequestExpired(DateTimeOffset at) =>
        new("request-expired", "Request expired", $"The attachment request this 275 answers expired on {at:yyyy-MM-dd HH:mm} UTC.", [], []);

    internal static AttachmentRefusal PayerRefused(string why) =>
        new("payer-refuses-275", "Payer does not take this attachment", why, [], []);
}
